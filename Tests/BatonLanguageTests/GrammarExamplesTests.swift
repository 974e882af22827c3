import BatonCore
import BatonLanguage
import BatonTestSupport
import Foundation
import Testing

/// The grammar's examples are documentation: each must parse.
@Suite("Grammar examples")
struct GrammarExamplesTests {
    static var examples: [String] {
        let path = repositoryRoot() + "/grammar/baton.ebnf"
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        var examples: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("(* example:") {
                current = []
            } else if var lines = current {
                if line.hasPrefix("*)") {
                    examples.append(lines.joined(separator: "\n"))
                    current = nil
                } else {
                    lines.append(line)
                    current = lines
                }
            }
        }
        return examples
    }

    @Test func grammarHasExamples() {
        #expect(Self.examples.count >= 8)
    }

    @Test(arguments: examples)
    func exampleParses(example: String) {
        let result = Parser.parse(SourceFile(path: "example.baton", text: example))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))\n\(example)")
    }
}
