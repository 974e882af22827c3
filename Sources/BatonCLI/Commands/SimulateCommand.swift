import ArgumentParser
import Baton
import BatonCore

/// `baton simulate RULES TRANSCRIPT...`
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay transcripts through a rule set and report every decision.",
        discussion: """
        RULES is a rule file or folder. Each TRANSCRIPT is a file or a folder
        of .yaml, .yml and .jsonl files (searched recursively). Each
        conversation is replayed in a fresh session; a file that cannot be
        read is reported with file, line and field, and the rest still runs.

        With --format json, output is JSON Lines: one `turn` record per
        event (unless --summary-only), `error` records for files that failed
        to load, then one `summary` record.

        Exit codes: 0 done, 1 rules or some transcripts failed to load, 2 usage.
        """
    )

    @Argument(help: "A rule file or folder.")
    var rules: String

    @Argument(help: "Transcript files or folders.")
    var transcripts: [String]

    @Flag(name: .long, help: "Add each turn's trace: the conditions of every visited rule.")
    var explain = false

    @Flag(name: .long, help: "Print only the summary.")
    var summaryOnly = false

    @Option(name: .long, help: "Output format: text or json (JSON Lines).")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Longest conversation accepted, in events (a longer one is reported and skipped).")
    var maxTurns = TranscriptLimits.default.maxEventsPerTranscript

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if transcripts.isEmpty { throw ValidationError("name at least one transcript file or folder") }
        if maxTurns < 1 { throw ValidationError("--max-turns must be at least 1") }
    }

    func run() throws {
        let engine = try EngineLoading.load([rules], colorize: color.enabled)
        var limits = TranscriptLimits.default
        limits.maxEventsPerTranscript = maxTurns
        let summary = Self.simulate(
            engine: engine, paths: transcripts, limits: limits, explain: explain,
            perTurn: !summaryOnly, format: format, colorize: color.enabled, write: Output.out
        )
        if !summary.failures.isEmpty { throw BatonExit.failure }
    }

    /// Replays the corpus, writing per-turn output and the summary through
    /// `write`; shared with tests, which capture the text.
    static func simulate(
        engine: RuleEngine, paths: [String], limits: TranscriptLimits = .default, explain: Bool = false,
        perTurn: Bool = true, format: ReportFormat = .text, colorize: Bool = false, write: (String) -> Void
    ) -> SimulationSummary {
        let (files, missing) = TranscriptFiles.discover(paths)
        var stats = SimulationStats()
        var failures = missing
        let runner = CorpusRunner(engine: engine, limits: limits)
        runner.run(files, explain: explain, render: { file, conversations in
            guard perTurn else { return "" }
            return format == .json
                ? SimulationOutput.json(conversations)
                : SimulationOutput.text(file, conversations, explain: explain, colorize: colorize)
        }, emit: { file in
            stats.merge(file.stats)
            if let failure = file.failure { failures.append(failure) }
            write(file.rendered)
        })
        let summary = SimulationSummary(
            stats: stats, rules: EngineLoading.rules(of: engine), unknownIntents: engine.unknownIntents, failures: failures
        )
        switch format {
        case .text:
            write((perTurn && stats.turns > 0 ? "\n" : "") + summary.renderText(colorize: colorize))
        case .json:
            if perTurn {
                for failure in failures { for entry in FailureJSON.entries(failure) { write(JSON.encode(entry, pretty: false)) } }
            }
            write(JSON.encode(summary.json, pretty: !perTurn))
        }
        return summary
    }
}

/// Per-file output of `simulate`, rendered on the worker threads.
enum SimulationOutput {
    static func text(_ file: FileReplay, _ conversations: [ReplayedConversation], explain: Bool, colorize: Bool) -> String {
        var out = ""
        if file.failure != nil {
            return "\(file.path): failed to load, skipped (see the summary)\n"
        }
        for conversation in conversations {
            out += "== \(conversation.transcript.label)\n"
            for turn in conversation.turns {
                out += DecisionText.turnLine(turn)
                out += DecisionText.decisionLines(turn.decision, showMessage: explain)
                if explain, let trace = turn.decision.trace { out += DecisionText.traceLines(trace) }
            }
        }
        return out
    }

    static func json(_ conversations: [ReplayedConversation]) -> String {
        var out = ""
        for conversation in conversations {
            for turn in conversation.turns {
                out += JSON.encode(TurnJSON(turn, in: conversation.transcript), pretty: false)
            }
        }
        return out
    }
}
