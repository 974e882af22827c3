@testable import BatonCheck
import BatonCore
import Testing

/// A lone file's rules are checked as they are parsed; the result must be
/// exactly what the usual order (whole file parsed first) gives, including
/// for files that use a name before declaring it.
@Suite("Checker: rules checked as they are parsed")
struct EarlyCheckTests {
    static let schema = """
    schema {
      intents wismo, refund
      apis orders ["shipped", "lost"]
      metadata order_id: string, cart_value: number
    }

    """

    static let cases: [String: String] = [
        "declared first": schema + """
        let upset = avg(sentiment, last 3) <= -0.4
        rule a { priority 5 when intent == wismo and upset then escalate reason "Order {metadata.order_id}" }
        rule b { when intent == wismo and upset then escalate reason "again" }
        guards { cooldown 2 turns }
        rule c { when message matches "refund (now|today)" or count(api_error is 5xx, last 4) >= 2 then tag "t" }
        """,
        "let after its use": schema + """
        rule a { when upset then offer_handoff reason "upset" }
        let upset = sentiment < -0.5
        """,
        "schema after a rule": """
        schema { intents wismo }
        rule a { when intent == wismo and metadata.cart_value > 100 then escalate reason "big cart" }
        schema { metadata cart_value: number }
        """,
        "unknown name": schema + """
        rule a { when intent == wismo then escalate reason "x" }
        rule b { when sentimnt < 0 then escalate reason "y" }
        """,
        "duplicate rule and let": schema + """
        let upset = sentiment < -0.5
        let upset = sentiment < -0.7
        rule a { when upset then tag "x" }
        rule a { when intent == refund then tag "y" }
        """,
        "syntax error": schema + """
        rule a { when intent == wismo then escalate reason "x" }
        rule b { when intent == then tag "y" }
        """,
    ]

    @Test(arguments: cases.keys.sorted())
    func sameAsUsualOrder(name: String) throws {
        let source = SourceFile(path: "\(name).baton", text: try #require(Self.cases[name]))
        let early = Checker.check([source], loader: nil, lint: true, checkingAsParsed: true)
        let usual = Checker.check([source], loader: nil, lint: true, checkingAsParsed: false)
        #expect(early.diagnostics == usual.diagnostics)
        #expect((early.ruleSet == nil) == (usual.ruleSet == nil))
        if let early = early.ruleSet, let usual = usual.ruleSet {
            #expect(early.rules.map(\.name) == usual.rules.map(\.name))
            #expect(early.rules.map(\.condition) == usual.rules.map(\.condition))
            #expect(early.rules.map(\.index) == usual.rules.map(\.index))
            #expect(early.lets.map(\.name) == usual.lets.map(\.name))
            #expect(early.largestWindow == usual.largestWindow)
            #expect(early.guards == usual.guards)
        }
    }

    /// The golden fixtures too, imports and all (an import falls back).
    @Test(arguments: CheckerGoldenTests.fixtures)
    func fixtureSameAsUsualOrder(name: String) throws {
        let loader = CheckerGoldenTests.loader()
        let source = try loader.load(name)
        let early = Checker.check([source], loader: loader, lint: true, checkingAsParsed: true)
        let usual = Checker.check([source], loader: loader, lint: true, checkingAsParsed: false)
        #expect(early.diagnostics == usual.diagnostics)
        #expect(early.ruleSet?.rules.map(\.name) == usual.ruleSet?.rules.map(\.name))
    }
}
