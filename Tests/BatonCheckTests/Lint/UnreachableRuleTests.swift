import Testing

@Suite("Lint: unreachable-rule")
struct UnreachableRuleTests {
    static let cases: [(String, [Int])] = [
        ("rule a {\n when intent == wismo and intent == sizing\n then escalate reason \"r\"\n}", [1]),
        ("rule a {\n when sentiment > 0.5 and sentiment < 0.2\n then escalate reason \"r\"\n}", [1]),
        ("rule a {\n when sentiment >= 0.5 and sentiment <= 0.5\n then escalate reason \"r\"\n}", []),
        ("rule a {\n when sentiment > 0.5 and sentiment <= 0.5\n then escalate reason \"r\"\n}", [1]),
        ("rule a {\n when intent in [wismo] and intent not in [wismo]\n then escalate reason \"r\"\n}", [1]),
        ("rule a {\n when metadata.tier == \"gold\" and metadata.tier != \"gold\"\n then escalate reason \"r\"\n}", [1]),
        ("rule a {\n when false\n then escalate reason \"r\"\n}", [1]),
        ("rule a {\n when intent == wismo and not intent == wismo\n then escalate reason \"r\"\n}", []),
        ("rule a {\n when (intent == wismo or intent == sizing) and intent == fraud\n then escalate reason \"r\"\n}", [1]),
        ("rule a {\n when (intent == wismo or intent == fraud) and intent == fraud\n then escalate reason \"r\"\n}", []),
        ("rule a {\n when metadata.cart_value > 10 and metadata.cart_value < 20\n then escalate reason \"r\"\n}", []),
        // A test and its negation, however the chain is grouped.
        ("rule a {\n when sentiment < 0 and (api.orders.status is unknown and not (api.orders.status is unknown))\n then escalate reason \"r\"\n}", [1]),
        ("rule a {\n when (intent == wismo or intent == sizing) and (api.orders.status is unknown and not (api.orders.status is unknown))\n then escalate reason \"r\"\n}", [1]),
        ("rule a {\n when (not (api.orders.status is unknown) or intent == wismo) and (api.orders.status is unknown and not (api.orders.status is unknown))\n then escalate reason \"r\"\n}", [1]),
        ("rule a {\n when (intent == wismo or intent == sizing) and (api.orders.status is unknown and sentiment < 0)\n then escalate reason \"r\"\n}", []),
    ]

    @Test(arguments: cases)
    func unreachable(rules: String, lines: [Int]) {
        #expect(warningLines("unreachable-rule", in: rules) == lines)
    }
}
