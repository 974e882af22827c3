import BatonCore
import BatonLanguage
import Foundation
import Testing

/// Hostile inputs end in diagnostics, never a crash, hang or stack overflow.
@Suite("Parser robustness")
struct RobustnessTests {
    @Test func tenThousandNestedParentheses() {
        let text = "let x = " + String(repeating: "(", count: 10_000) + "true" + String(repeating: ")", count: 10_000)
        let result = Parser.parse(SourceFile(path: "deep.baton", text: text))
        #expect(result.diagnostics.map(\.code).contains("E0102"))
    }

    @Test func longChainsAreCappedNotOverflowed() {
        let text = "let x = " + (0..<50_000).map { "i\($0)" }.joined(separator: " or ")
        let result = Parser.parse(SourceFile(path: "chain.baton", text: text))
        #expect(result.diagnostics.map(\.code) == ["E0102"])
    }

    @Test func tenThousandNots() {
        let text = "let x = " + String(repeating: "not ", count: 10_000) + "true"
        let result = Parser.parse(SourceFile(path: "deep.baton", text: text))
        #expect(result.diagnostics.map(\.code).contains("E0102"))
    }

    @Test func tenThousandNestedLists() {
        let text = "let x = a in " + String(repeating: "[", count: 10_000)
        let result = Parser.parse(SourceFile(path: "deep.baton", text: text))
        #expect(result.hasErrors)
    }

    /// 50 MB of rules with one mistake at the very end: the mistake is found.
    @Test func fiftyMegabytesOfRules() {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50_100_000)
        var index = 0
        while bytes.count < 50_000_000 {
            bytes += Array("rule r_\(index) {\n  when intent == wismo and sentiment < -0.5\n  then escalate reason \"x\"\n}\n".utf8)
            index += 1
        }
        var text = String(decoding: bytes, as: UTF8.self)
        text += "rule last {\n  when\n}\n"
        let result = Parser.parse(SourceFile(path: "big.baton", text: text))
        #expect(result.diagnostics.map(\.code) == ["E0100"])
        #expect(result.file.items.count == index)
    }

    @Test func fiftyMegabytesOfGarbageIsCapped() {
        let bytes = [UInt8](repeating: UInt8(ascii: "@"), count: 50_000_000)
        let result = Parser.parse(SourceFile(path: "junk.baton", bytes: bytes))
        #expect(result.hasErrors)
        #expect(result.diagnostics.count <= DiagnosticBag.defaultLimit)
    }

    @Test func emptyAndBlankFilesAreErrors() {
        for text in ["", "   \n\n", "# just a comment\n"] {
            let result = Parser.parse(SourceFile(path: "e.baton", text: text))
            #expect(result.diagnostics.map(\.code) == ["E0106"])
        }
    }

    @Test func truncatedFilesAtEveryLength() {
        let text = """
        rule a {
          priority 3
          when intent in [x, y] and avg(sentiment, last 3) < -0.2 or message matches "a(b|c)"
          then escalate queue "q" reason "r {metadata.id}" say "s"
        }
        """
        let bytes = Array(text.utf8)
        for length in 0..<bytes.count {
            let result = Parser.parse(SourceFile(path: "t.baton", bytes: Array(bytes[0..<length])))
            #expect(result.hasErrors, "prefix of \(length) bytes parsed without error")
        }
    }
}
