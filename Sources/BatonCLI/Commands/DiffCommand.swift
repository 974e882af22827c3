import ArgumentParser
import Baton
import BatonCore

/// `baton diff OLD NEW --corpus DIR`
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare what two rule versions decide on the same conversations.",
        discussion: """
        OLD and NEW are each a rule file or folder. Every conversation of the
        corpus is replayed under both; the report gives the escalation and
        offer rates before and after, the turns each rule decided before and
        after, and each conversation whose decision changed, with the turn
        and both decisions. A decision changes when its outcome, deciding
        rule, queue or urgency does.

        Exit codes: 0 compared (changes are not failures), 1 rules or some
        transcripts failed to load, 2 usage.
        """
    )

    @Argument(help: "The old rule file or folder.")
    var old: String

    @Argument(help: "The new rule file or folder.")
    var new: String

    @Option(name: .long, help: "Transcript files or folders to replay (repeatable).")
    var corpus: [String] = []

    @Option(name: .long, help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if corpus.isEmpty { throw ValidationError("name the conversations to replay with --corpus DIR") }
    }

    func run() throws {
        let oldEngine = try EngineLoading.load([old], colorize: color.enabled)
        let newEngine = try EngineLoading.load([new], colorize: color.enabled)
        let result = CorpusDiff(old: oldEngine, new: newEngine).run(corpus)
        Output.out(DiffOutput.render(result, old: old, new: new, oldEngine: oldEngine, newEngine: newEngine, format: format, colorize: color.enabled))
        if !result.failures.isEmpty { throw BatonExit.failure }
    }
}
