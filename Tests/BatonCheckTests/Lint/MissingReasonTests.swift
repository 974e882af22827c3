import Testing

@Suite("Lint: missing-reason")
struct MissingReasonTests {
    static let cases: [(String, [Int])] = [
        ("rule r {\n when true\n then escalate queue \"q\"\n}", [3]),
        ("rule r {\n when true\n then offer_handoff say \"hi\"\n}", [3]),
        ("rule r {\n when true\n then escalate reason \"why\"\n}", []),
        ("rule r {\n when true\n then continue\n}", []),
        ("rule r {\n when true\n then tag \"x\"\n}", []),
        ("# baton-ignore: missing-reason\nrule r {\n when true\n then escalate\n}", []),
        ("# baton-ignore-file: missing-reason\nrule r {\n when true\n then escalate\n}", []),
        ("# baton-ignore: unused-let\nrule r {\n when true\n then escalate\n}", [4]),
    ]

    @Test(arguments: cases)
    func missingReason(rules: String, lines: [Int]) {
        #expect(warningLines("missing-reason", in: rules) == lines)
    }
}
