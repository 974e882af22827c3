import ArgumentParser
import Baton
import BatonCore

/// `baton explain RULES TRANSCRIPT --turn N`
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why the rules decided what they did on one turn.",
        discussion: """
        Replays the conversation up to turn N and prints that turn's decision
        with its full trace: every rule the turn visited, each condition, and
        the values that made it hold or fail.

        Turns are numbered from 1 and count every event of the conversation
        (customer, bot and operator alike): turn N is the Nth event, the
        same numbering `simulate` prints. When the file holds several
        conversations (a JSONL export, or YAML documents separated by `---`),
        choose one with --session; the first is used otherwise.

        Exit codes: 0 explained, 1 rules or transcript failed to load, 2 usage
        (including a turn outside the conversation).
        """
    )

    @Argument(help: "A rule file or folder.")
    var rules: String

    @Argument(help: "A transcript file (.yaml, .yml or .jsonl).")
    var transcript: String

    @Option(name: .long, help: "The turn to explain: 1-based, counting every event.")
    var turn: Int

    @Option(name: .long, help: "The conversation to use when the file holds several.")
    var session: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if turn < 1 { throw ValidationError("--turn is 1-based: give a number from 1") }
    }

    func run() throws {
        let engine = try EngineLoading.load([rules], colorize: color.enabled)
        let conversation: Transcript
        switch TranscriptFiles.load(transcript) {
        case .failed(let failure):
            Output.err(FailureText.render([failure], colorize: color.enabled))
            throw BatonExit.failure
        case .loaded(let transcripts):
            if let session {
                guard let match = transcripts.first(where: { $0.sessionID == session }) else {
                    let ids = transcripts.map { "`\($0.sessionID)`" }.joined(separator: ", ")
                    throw ValidationError("no conversation `\(session)` in \(transcript); it has \(ids)")
                }
                conversation = match
            } else {
                guard let first = transcripts.first else { throw BatonExit.failure }
                conversation = first
            }
        }
        guard turn <= conversation.events.count else {
            throw ValidationError("--turn \(turn) is past the end: \(conversation.label) has \(plural(conversation.events.count, "turn"))")
        }
        Output.out(Self.explain(conversation, turn: turn, engine: engine, format: format))
    }

    /// The report for `turn` of `conversation`; shared with tests.
    static func explain(_ conversation: Transcript, turn: Int, engine: RuleEngine, format: ReportFormat = .text) -> String {
        let target = turn
        let replay = Replay.run(conversation, engine: engine, explain: { $0 == target })
        let explained = replay.turns[turn - 1]
        if format == .json {
            return JSON.encode(TurnJSON(explained, in: conversation))
        }
        var out = "\(conversation.label), turn \(turn) of \(conversation.events.count)"
        out += explained.line > 0 ? " (line \(explained.line))\n" : "\n"
        // The turns before, so the window conditions in the trace make sense.
        let context = replay.turns[max(0, turn - 11)..<(turn - 1)]
        if !context.isEmpty {
            if turn > 11 { out += "  …\n" }
            for earlier in context {
                out += DecisionText.turnLine(earlier).dropLast() + "   → \(DiffOutput.summary(earlier.decision))\n"
            }
        }
        out += DecisionText.turnLine(explained)
        out += DecisionText.decisionLines(explained.decision, showMessage: true)
        out += DecisionText.traceLines(explained.decision.trace ?? [])
        return out
    }
}
