import BatonCore
import Testing

@Suite("Source files and diagnostics rendering")
struct SourceFileTests {
    @Test func locationsAreOneBasedAndCountScalars() {
        let source = SourceFile(path: "t.baton", text: "ab\ncé d\n")
        #expect(source.location(of: 0) == SourceLocation(line: 1, column: 1, offset: 0))
        #expect(source.location(of: 3) == SourceLocation(line: 2, column: 1, offset: 3))
        // `é` is two bytes but one column.
        #expect(source.location(of: 7) == SourceLocation(line: 2, column: 4, offset: 7))
        #expect(source.lineText(2) == "cé d")
    }

    @Test func rendersCaretUnderRange() {
        let source = SourceFile(path: "rules/x.baton", text: "rule a {\n  when sentimnt < 0\n}\n")
        let diagnostic = Diagnostic(
            code: "E0200", severity: .error, message: "unknown name `sentimnt`",
            path: "rules/x.baton", range: SourceRange(start: 16, end: 24), help: "did you mean `sentiment`?"
        )
        let text = DiagnosticFormatter().format(diagnostic, source: source)
        #expect(text == """
        rules/x.baton:2:8: error: unknown name `sentimnt` [E0200]
         2 |   when sentimnt < 0
           |        ^~~~~~~~
          help: did you mean `sentiment`?

        """)
    }

    @Test func controlCharactersAreNotEchoed() {
        let source = SourceFile(path: "t", bytes: Array("a\u{1B}[31mb".utf8))
        let diagnostic = Diagnostic(code: "E0001", severity: .error, message: "m", path: "t", range: SourceRange(start: 1, end: 2))
        let text = DiagnosticFormatter().format(diagnostic, source: source)
        #expect(!text.contains("\u{1B}"))
    }

    @Test func suggestionsFindTyposOnly() {
        #expect(Suggestions.closest(to: "sentimnt", among: ["sentiment", "intent"]) == "sentiment")
        #expect(Suggestions.closest(to: "xyz", among: ["sentiment", "intent"]) == nil)
    }
}
