import ArgumentParser
import Baton
import BatonCompiler

/// `baton graph RULES`
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the compiled decision graph of a rule set.",
        discussion: """
        Shows what the compiler built: shared condition nodes, the intent
        dispatch index and each rule's root. `--format dot` writes Graphviz
        (`baton graph rules/ --format dot | dot -Tsvg > graph.svg`).

        Exit codes: 0 printed, 1 rules failed to load, 2 usage.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, dot
    }

    @Argument(help: "A rule file or folder.")
    var rules: String

    @Option(name: .long, help: "Output format: text or dot.")
    var format: Format = .text

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    func run() throws {
        let engine = try EngineLoading.load([rules], colorize: color.enabled)
        switch format {
        case .text: Output.out(GraphPrinter.text(engine.graph))
        case .dot: Output.out(GraphPrinter.dot(engine.graph))
        }
    }
}
