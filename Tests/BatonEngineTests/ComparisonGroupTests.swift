import Baton
import BatonCore
import Testing

/// Several thresholds on one number (a metadata field, a window): the first
/// test an event needs settles the others in the memo, and every rule must
/// still see exactly its own comparison, including when the number is missing.
struct ComparisonGroupTests {
    static let rules = """
    rule at_least_100 { when metadata.cart_value >= 100 then tag "ge100" }
    rule at_least_300 { when metadata.cart_value >= 300 then tag "ge300" }
    rule below_250 { when metadata.cart_value < 250 then tag "lt250" }
    rule exactly_300 { when metadata.cart_value == 300 then tag "eq300" }
    rule not_300 { when not metadata.cart_value == 300 then tag "ne300" }
    rule gloomy { when avg(sentiment, last 2) <= -0.5 then tag "gloomy" }
    rule not_cheerful { when avg(sentiment, last 2) < 0.2 then tag "notCheerful" }
    rule cheerful { when avg(sentiment, last 2) > 0.2 then tag "cheerful" }

    """

    struct Case: CustomTestStringConvertible, Sendable {
        var cart: Double?
        var sentiments: [Double]
        var tags: [String]
        var testDescription: String { "cart \(cart.map { "\($0)" } ?? "missing"), sentiments \(sentiments)" }
    }

    static let cases: [Case] = [
        Case(cart: 50, sentiments: [0.5], tags: ["cheerful", "lt250", "ne300"]),
        Case(cart: 100, sentiments: [-0.6, -0.6], tags: ["ge100", "gloomy", "lt250", "ne300", "notCheerful"]),
        Case(cart: 300, sentiments: [0.2], tags: ["eq300", "ge100", "ge300"]),
        Case(cart: 299.5, sentiments: [-1, 0.9], tags: ["ge100", "ne300", "notCheerful"]),
        // A missing number fails every comparison, and `not` of one holds.
        Case(cart: nil, sentiments: [0.4, 0.6], tags: ["cheerful", "ne300"]),
    ]

    @Test(arguments: cases)
    func everyRuleSeesItsOwnComparison(_ testCase: Case) throws {
        let engine = try engine(Self.rules, scorer: FakeScorer())
        var events = moods(testCase.sentiments)
        if let cart = testCase.cart {
            events[events.count - 1].metadata = ["cart_value": .number(cart)]
        }
        let decision = try #require(run(engine, events).last)
        #expect(decision.tags == testCase.tags)
        // The bot event of the turn reads the same numbers again.
        var session = engine.makeSession(id: "s")
        for event in events { _ = engine.evaluate(event, in: &session) }
        #expect(engine.evaluate(bot(), in: &session).tags == testCase.tags)
    }
}
