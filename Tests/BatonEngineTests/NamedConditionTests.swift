import Baton
import BatonCore
import Testing

/// A named condition (`let`) is a node of its own so traces can name it;
/// the hot tables point past it to the node it names. It must decide the
/// same wherever it is used: as a whole condition (an `and` too), under
/// `not`, in an `or`, as a conjunct, through another name, and counted
/// over turns.
struct NamedConditionTests {
    static let rules = """
    let upset = avg(sentiment, last 2) <= -0.5
    let very_upset = upset
    let failing = api.orders.error
    let upset_wismo = intent == wismo and upset
    rule whole { when upset then tag "whole" }
    rule negated { when intent == wismo and not upset then tag "negated" }
    rule either { when intent == wismo and (very_upset or metadata.vip) then tag "either" }
    rule conjunct { when intent == wismo and upset then tag "conjunct" }
    rule counted { when count(failing, last 3) >= 2 then tag "counted" }
    rule both { when upset_wismo then tag "both" }

    """

    @Test func aNameDecidesAsWhatItNames() throws {
        let engine = try engine(Self.rules)
        let failing = APIResult(api: "orders", httpStatus: 503)
        let decisions = run(engine, [
            customer("s=0.2 fine", intent: "wismo"), bot(api: [failing]),
            customer("s=-0.9 angry", intent: "wismo"), bot(api: [failing]),
            customer("s=-0.9 angry", intent: "sizing", metadata: ["vip": .bool(true)]),
            customer("s=-0.9 angry", intent: "wismo", metadata: ["vip": .bool(false)]),
            customer("s=0.9 happy", intent: "wismo", metadata: ["vip": .bool(true)]),
        ])
        #expect(decisions.map { Array($0.tags) } == [
            ["negated"], ["negated"],
            ["negated"], ["counted", "negated"],
            ["counted", "whole"],
            ["both", "conjunct", "either", "whole"],
            ["either", "negated"],
        ])
        // Traces still show the name.
        var session = engine.makeSession(id: "t")
        _ = engine.evaluate(customer("s=-0.9 angry", intent: "wismo"), in: &session)
        let explained = engine.evaluate(customer("s=-0.9 angry", intent: "wismo"), in: &session, explain: true)
        let trace = try #require(explained.trace)
        #expect(trace.contains { $0.rule == "conjunct" && $0.fired && $0.conditions.contains { $0.detail.contains("upset") } })
    }
}
