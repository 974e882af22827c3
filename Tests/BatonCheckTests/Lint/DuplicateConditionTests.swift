import Testing

@Suite("Lint: duplicate-condition")
struct DuplicateConditionTests {
    static let cases: [(String, [Int])] = [
        ("rule r {\n when intent == wismo and sentiment < 0 and intent == wismo\n then continue\n}", [2]),
        ("rule r {\n when intent == wismo or\n  intent == wismo\n then continue\n}", [3]),
        ("rule r {\n when intent == wismo and intent == sizing\n then continue\n}", []),
        ("rule a {\n when intent == wismo\n then continue\n}\nrule b {\n when intent == wismo\n then tag \"x\"\n}", [5]),
        // Layout differences do not matter.
        ("rule a {\n when (intent == wismo)\n then continue\n}\nrule b {\n when intent   ==   wismo\n then tag \"x\"\n}", [5]),
    ]

    @Test(arguments: cases)
    func duplicates(rules: String, lines: [Int]) {
        #expect(warningLines("duplicate-condition", in: rules) == lines)
    }
}
