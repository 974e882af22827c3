import Baton
import BatonCore
import BatonGraph
@testable import BatonRuntime
import BatonTestSupport
import Testing

/// A dispatch list's rules are bits in conflict order (its turn-fixed rules,
/// then the others), cleared by the tests that fail (`DispatchTables`):
/// tests come cheapest first, a test no rule left needs is not evaluated,
/// and the rules left decide in conflict order.
struct RuleBitsTests {
    static let rules = """
    rule tier_gold { priority 9 when intent == wismo and metadata.tier == "gold" then tag "gold" }
    rule conf_08 { priority 8 when intent == wismo and confidence >= 0.8 then escalate reason "c8" }
    rule cart_500 { priority 7 when intent == wismo and metadata.cart_value >= 500 then tag "cart500" }
    rule conf_05 { priority 6 when intent == wismo and confidence >= 0.5 then offer_handoff reason "c5" }
    rule gloomy { priority 6 when intent == wismo and confidence >= 0.9 and sentiment < -0.5 then tag "gloomy" }
    rule cart_100 { priority 5 when intent == wismo and metadata.cart_value >= 100 then tag "cart100" }
    rule conf_07 { priority 4 when intent == wismo and confidence >= 0.7 then escalate reason "c7" }
    rule always { priority 3 when intent == wismo then tag "always" }
    rule conf_06 { priority 2 when intent == wismo and confidence >= 0.6 then tag "c6" }

    """

    @Test func testsComeCheapestFirstAndBitsFollowConflictOrder() throws {
        let graph = try engine(Self.rules).graph
        let plan = Plan(graph: graph, layout: StateLayout(graph), scorer: nil)
        let wismo = try #require(graph.intentIDs["wismo"])
        let list = plan.dispatch.list(forIntent: UInt16(wismo)).pointee, own = list.own
        #expect(plan.dispatch.shared.ruleCount == 0)
        let costs = (Int(own.testStart)..<Int(own.laterTestStart)).map { graph.nodes[Int(plan.dispatch.tests[$0].node)].cost }
        #expect(costs == costs.sorted())
        #expect(costs.last == .sentiment)
        // The turn-fixed rules, then the others, each in conflict order (outcome, then priority).
        let names = (0..<own.ruleCount).map { graph.rules[Int(plan.dispatch.candidates[Int(own.candidateStart) + $0].rule)].name }
        #expect(names == ["conf_08", "conf_07", "conf_05", "gloomy", "always", "conf_06", "tier_gold", "cart_500", "cart_100"])
        #expect(own.fixedCount == 6 && list.words == 2 && own.fixedWords == 1)
        // Later events test the other rules only: their tests, not the confidence thresholds.
        let later = (Int(own.laterTestStart)..<Int(own.testEnd)).map { graph.nodes[Int(plan.dispatch.tests[$0].node)].test }
        #expect(later.count == 3)
        #expect(!later.contains { test in
            guard case .compare(_, let lhs, _) = test, case .signal(.confidence) = lhs else { return false }
            return true
        })
    }

    /// The intent-free rules are one segment that every list shares: their
    /// candidates and tests are stored once, however many intents there are,
    /// and each list's own rules follow them from the next word.
    @Test func intentFreeRulesAreStoredOnceForEveryList() throws {
        let intents = (0..<40).map { "i\($0)" }
        var source = "schema {\n  intents \(intents.joined(separator: ", "))\n  metadata cart_value: number\n}\n"
        for index in 0..<70 {
            source += "rule free\(index) { when metadata.cart_value >= \(index) and sentiment < -0.\(index % 9 + 1) then tag \"f\" }\n"
        }
        for (index, intent) in intents.enumerated() {
            source += "rule own\(index) { priority \(index) when intent == \(intent) and confidence >= 0.5 then escalate }\n"
        }
        let graph = RuleEngine(ruleSet: try checked(source, schema: false), scorer: FakeScorer()).graph
        let plan = Plan(graph: graph, layout: StateLayout(graph), scorer: nil)
        #expect(plan.dispatch.shared.ruleCount == 70 && plan.dispatch.shared.words == 2)
        #expect(plan.dispatch.candidates.count == 70 + 40)
        let list = plan.dispatch.list(forIntent: UInt16(try #require(graph.intentIDs["i7"]))).pointee
        #expect(list.own.ruleCount == 1 && list.own.firstWord == 2 && list.words == 3)
        // Each free rule's two tests once, for all 40 lists.
        #expect(plan.dispatch.shared.laterTestStart - plan.dispatch.shared.testStart == 70 + 9)
    }

    /// `gloomy` needs confidence 0.9 before its sentiment is read: a turn
    /// below it has its message scored by no test. (`echo` reads the text,
    /// so the message is kept and not scored for later events either.)
    @Test(arguments: [(0.95, true), (0.85, false), (0.3, false)])
    func aTestNoRuleLeftNeedsIsNotEvaluated(confidence: Double, scored: Bool) throws {
        let engine = try engine(Self.rules + "rule echo { when intent == sizing and message == \"x\" then tag \"echo\" }\n")
        let evaluator = Evaluator(graph: engine.graph, scorer: FakeScorer(["so bad": -0.9]))
        var state = evaluator.makeState()
        var stats = EvaluationStats()
        let decision = evaluator.evaluate(customer("so bad", intent: "wismo", confidence: confidence), state: &state, explain: false, stats: &stats)
        #expect(stats.sentimentScored == scored)
        #expect(decision.tags.contains("gloomy") == scored)
    }

    @Test(arguments: [
        (0.95, 600.0, "gold", "conf_08", ["conf_08", "conf_07", "conf_05"]),
        (0.65, 50.0, "silver", "conf_05", ["conf_05"]),
        (0.75, 150.0, "gold", "conf_07", ["conf_07", "conf_05"]),
        (0.3, 700.0, "gold", "tier_gold", []),
    ] as [(Double, Double, String, String?, [String])])
    func theDecisionIsInConflictOrder(confidence: Double, cart: Double, tier: String, winner: String?, acting: [String]) throws {
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

    /// 150 rules that all fire, written in no order of outcome or priority:
    /// the decision lists them in conflict order (outcome, then priority,
    /// then place in the file), with the shadow rules apart.
    @Test func manyFiringRulesDecideInConflictOrder() throws {
        var random = SeededRandom(seed: 150)
        var source = ""
        var rules: [(name: String, outcome: Int, priority: Int, shadow: Bool)] = []
        for index in 0..<150 {
            let outcome = Int.random(in: 0...2, using: &random), priority = Int.random(in: 0..<20, using: &random)
            let shadow = index % 11 == 3
            let action = ["tag \"t\(index % 5)\"", "offer_handoff reason \"o\"", "escalate reason \"e\""][outcome]
            source += "\(shadow ? "shadow " : "")rule r\(index) { priority \(priority) when turn_count >= 1 then \(action) }\n"
            rules.append(("r\(index)", outcome, priority, shadow))
        }
        let order = rules.indices.sorted {
            (-rules[$0].outcome, -rules[$0].priority, $0) < (-rules[$1].outcome, -rules[$1].priority, $1)
        }
        let acting = order.filter { !rules[$0].shadow }.map { rules[$0].name }
        let shadows = order.filter { rules[$0].shadow }.map { ShadowFiring(rule: rules[$0].name, outcome: [.continue, .offerHandoff, .escalate][rules[$0].outcome]) }
        let decision = try #require(run(engine(source), [customer()]).first)
        #expect(decision.firedRules == acting)
        #expect(decision.shadowRules == shadows)
        #expect(decision.rule == acting.first)
        #expect(decision.tags == ["t0", "t1", "t2", "t3", "t4"].filter { tag in
            rules.contains { !$0.shadow && $0.outcome == 0 && "t\(Int($0.name.dropFirst())! % 5)" == tag }
        })
    }
}
