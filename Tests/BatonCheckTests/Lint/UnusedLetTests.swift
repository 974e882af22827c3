import Testing

@Suite("Lint: unused-let")
struct UnusedLetTests {
    static let cases: [(String, [Int])] = [
        ("let a = sentiment < 0\nrule r {\n when intent == wismo\n then continue\n}", [1]),
        ("let a = sentiment < 0\nrule r {\n when a\n then continue\n}", []),
        // Used through another let that a rule uses.
        ("let a = sentiment < 0\nlet b = a and intent == wismo\nrule r {\n when b\n then continue\n}", []),
        // A let used only by an unused let is unused too.
        ("let a = sentiment < 0\nlet b = a\nrule r {\n when true\n then continue\n}", [1, 2]),
    ]

    @Test(arguments: cases)
    func unused(rules: String, lines: [Int]) {
        #expect(warningLines("unused-let", in: rules) == lines)
    }
}
