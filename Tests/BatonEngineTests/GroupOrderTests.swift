import Baton
import BatonCore
import BatonGraph
@testable import BatonRuntime
import Testing

/// Within a dispatch list, groups whose first tests compare one number go
/// together, ordered by constant, ahead of the other groups (which keep the
/// order of their first rules), first for the rules fixed for a turn, then
/// for the others; the decision is still made in conflict order.
struct GroupOrderTests {
    static let rules = """
    rule tier_gold { priority 9 when intent == wismo and metadata.tier == "gold" then tag "gold" }
    rule conf_08 { priority 8 when intent == wismo and confidence >= 0.8 then escalate reason "c8" }
    rule cart_500 { priority 7 when intent == wismo and metadata.cart_value >= 500 then tag "cart500" }
    rule conf_05 { priority 6 when intent == wismo and confidence >= 0.5 then offer_handoff reason "c5" }
    rule cart_100 { priority 5 when intent == wismo and metadata.cart_value >= 100 then tag "cart100" }
    rule conf_07 { priority 4 when intent == wismo and confidence >= 0.7 then escalate reason "c7" }
    rule always { priority 3 when intent == wismo then tag "always" }
    rule conf_06 { priority 2 when intent == wismo and confidence >= 0.6 then tag "c6" }

    """

    /// The first rule of each group of the `wismo` list, in visiting order.
    @Test func comparisonsGoTogetherByConstant() throws {
        let engine = try engine(Self.rules)
        let graph = engine.graph
        let plan = Plan(graph: graph, layout: StateLayout(graph), scorer: nil)
        let wismo = try #require(graph.intentIDs["wismo"])
        let list = plan.dispatch.list(forIntent: UInt16(wismo))
        let visited = list.all.map { group in graph.rules[Int(plan.dispatch.candidates[Int(group.start)].rule)].name }
        // Each group compares one number or tests something else; the
        // comparisons of one number are adjacent and ascend by constant.
        let confidence = visited.filter { $0.hasPrefix("conf_") }
        let cart = visited.filter { $0.hasPrefix("cart_") }
        #expect(confidence == ["conf_05", "conf_06", "conf_07", "conf_08"])
        #expect(cart == ["cart_100", "cart_500"])
        let positions = { (names: [String]) in names.map { visited.firstIndex(of: $0)! } }
        for run in [positions(confidence), positions(cart)] {
            #expect(run == Array(run[0]..<run[0] + run.count), "\(visited)")
        }
        // Other first tests follow, in the order of their first rules; the
        // groups of rules fixed for a turn come first (`TurnFixedRules`).
        let fixed = ["conf_05", "conf_06", "conf_07", "conf_08", "always"]
        #expect(Array(visited.prefix(5)) == fixed)
        #expect(Array(visited.suffix(3)) == ["cart_100", "cart_500", "tier_gold"])
    }

    @Test(arguments: [
        (0.95, 600.0, "gold", "conf_08", ["conf_08", "conf_07", "conf_05"]),
        (0.65, 50.0, "silver", "conf_05", ["conf_05"]),
        (0.75, 150.0, "gold", "conf_07", ["conf_07", "conf_05"]),
        (0.3, 700.0, "gold", "tier_gold", []),
    ] as [(Double, Double, String, String?, [String])])
    func theDecisionIsStillInConflictOrder(confidence: Double, cart: Double, tier: String, winner: String?, acting: [String]) throws {
        let engine = try engine(Self.rules)
        let event = customer(intent: "wismo", confidence: confidence, metadata: ["tier": .string(tier), "cart_value": .number(cart)])
        var quick = engine.makeSession(id: "s"), explained = engine.makeSession(id: "s")
        let decision = engine.evaluate(event, in: &quick)
        var withTrace = engine.evaluate(event, in: &explained, explain: true)
        #expect(decision.rule == winner)
        #expect(decision.firedRules.filter { acting.contains($0) } == acting)
        withTrace.trace = nil
        #expect(decision == withTrace)
    }
}
