import Baton
import BatonCompiler
import BatonCore
import BatonGraph
import BatonPattern
import BatonRuntime
import Foundation
import Testing

/// Sharing, dispatch, lazy features and the graph's own format.
struct GraphTests {
    static let shared = """
    let frustrated = avg(sentiment, last 3) <= -0.45 and trend(sentiment, last 4) < 0
    rule a { when intent == wismo and frustrated then escalate }
    rule b { when intent == refund_request and frustrated then offer_handoff }
    rule c { when frustrated and metadata.cart_value >= 100 then escalate }
    rule d { when metadata.cart_value >= 100 and avg(sentiment, last 3) <= -0.45 then tag "x" }

    """

    @Test func aSharedConditionIsOneNode() throws {
        let graph = try engine(Self.shared).graph
        let averages = graph.nodes.filter {
            if case .compare(_, .window, _) = $0.test { return graph.describe($0.test).hasPrefix("avg(") }
            return false
        }
        #expect(averages.count == 1)
        let lets = graph.nodes.filter { if case .named("frustrated", _) = $0.test { return true } else { return false } }
        #expect(lets.count == 1)
        #expect(graph.windows.count == 2)
        #expect(GraphPrinter.text(graph).contains("(shared by"))
    }

    @Test func aSharedNodeIsEvaluatedOncePerEvent() throws {
        let engine = try engine(Self.shared)
        let evaluator = Evaluator(graph: engine.graph, scorer: FakeScorer())
        var state = evaluator.makeState()
        var stats = EvaluationStats()
        for event in moods([-0.9, -0.8, -0.9]) {
            _ = evaluator.evaluate(event, state: &state, explain: false, stats: &stats)
        }
        // Every node at most once, although `frustrated` is read by three rules.
        #expect(stats.nodesEvaluated <= engine.graph.nodes.count)
    }

    @Test func cheapTestsComeFirst() throws {
        let graph = try engine("rule r { when message matches \"x+y\" and sentiment < 0 and metadata.tier == \"a\" and intent == wismo then escalate }\n").graph
        let root = graph[graph.rules[0].root]
        guard case .all(let children) = root.test else { Issue.record("expected a conjunction"); return }
        let costs = children.map { graph[$0].cost }
        #expect(costs == [.signal, .metadata, .pattern, .sentiment])
    }

    @Test func dispatchVisitsOnlyRulesForTheTopIntent() throws {
        var source = ""
        for index in 0..<20 { source += "rule w\(index) { when intent == wismo and confidence > 0.\(index % 9 + 1) then tag \"w\" }\n" }
        for index in 0..<20 { source += "rule r\(index) { when intent in [refund_request, fraud] then tag \"r\" }\n" }
        source += "rule free { when sentiment < -0.5 then offer_handoff }\n"
        source += "rule either { when intent == sizing or metadata.vip then tag \"e\" }\n"
        let engine = try engine(source)
        let evaluator = Evaluator(graph: engine.graph, scorer: FakeScorer())
        func visited(_ event: TurnEvent) -> Int {
            var state = evaluator.makeState()
            var stats = EvaluationStats()
            _ = evaluator.evaluate(event, state: &state, explain: false, stats: &stats)
            return stats.rulesVisited
        }
        #expect(visited(customer(intent: "wismo")) == 22)
        #expect(visited(customer(intent: "fraud")) == 22)
        #expect(visited(customer(intent: "sizing")) == 2)
        #expect(visited(customer()) == 2)
        #expect(visited(customer(intent: "not_in_schema")) == 2)
        var session = engine.makeSession(id: "s")
        let decision = engine.evaluate(customer(intent: "sizing"), in: &session, explain: true)
        #expect(Set(decision.trace?.map(\.rule) ?? []) == ["either", "free"])
    }

    @Test func intentTestsImpliedByDispatchAreSkippedButStillDecide() throws {
        let engine = try engine("""
        rule both { when intent in [wismo, refund_request] and intent in [refund_request, fraud] and confidence >= 0.5 then tag "both" }
        rule only { when intent == sizing then tag "only" }
        rule wide { when intent in [wismo, fraud] and intent != fraud then tag "wide" }

        """)
        let cases: [(String?, Double, [String])] = [
            ("refund_request", 0.9, ["both"]), ("refund_request", 0.2, []), ("wismo", 0.9, ["wide"]),
            ("fraud", 0.9, []), ("sizing", 0.1, ["only"]), (nil, 0.9, []), ("unknown_one", 0.9, []),
        ]
        for (intent, confidence, tags) in cases {
            let decision = try #require(run(engine, [customer(intent: intent, confidence: confidence)]).first)
            #expect(decision.tags == tags, "\(intent ?? "no intent") at \(confidence)")
        }
        // The skipped tests cost no node evaluation: one for `only` (its whole condition is implied).
        let evaluator = Evaluator(graph: engine.graph, scorer: FakeScorer())
        var state = evaluator.makeState()
        var stats = EvaluationStats()
        _ = evaluator.evaluate(customer(intent: "sizing"), state: &state, explain: false, stats: &stats)
        #expect(stats.rulesVisited == 1)
        #expect(stats.nodesEvaluated == 0)
    }

    @Test func sentimentIsNotScoredWhenNoRuleNeedsIt() throws {
        let scorer = FakeScorer()
        let engine = RuleEngine(ruleSet: try checked("rule r { when intent == wismo and message contains [\"agent\"] then escalate }\n"), scorer: scorer)
        _ = run(engine, [customer("agent", intent: "wismo"), bot(), customer("s=-0.9 awful")])
        #expect(scorer.calls == 0)
        #expect(!engine.graph.features.contains(.sentiment))
    }

    @Test func sentimentIsScoredOnlyWhenAVisitedRuleAsks() throws {
        let scorer = FakeScorer()
        let engine = RuleEngine(ruleSet: try checked("rule r { when intent == wismo and sentiment < -0.5 then escalate }\n"), scorer: scorer)
        let decisions = run(engine, [customer("s=-0.9 x", intent: "sizing"), customer("s=-0.9 x", intent: "wismo"), bot()])
        #expect(scorer.calls == 1)
        #expect(decisions.map(\.outcome) == [.continue, .escalate, .escalate])
    }

    @Test func messageIsNotFoldedWithoutPhrasesOrPatterns() throws {
        let engine = try engine("rule r { when intent == wismo and avg(sentiment, last 2) < 0 then escalate }\n")
        let evaluator = Evaluator(graph: engine.graph, scorer: FakeScorer())
        var state = evaluator.makeState()
        var stats = EvaluationStats()
        _ = evaluator.evaluate(customer("agent please", intent: "wismo"), state: &state, explain: false, stats: &stats)
        #expect(!stats.messageFolded)
    }

    @Test func graphRoundTripsThroughJSON() throws {
        let graph = try engine(Self.shared + "rule p { when message matches \"\\\\bagent\\\\b\" or message contains [\"human\"] then escalate }\n").graph
        let data = try JSONEncoder().encode(graph)
        let decoded = try JSONDecoder().decode(DecisionGraph.self, from: data)
        #expect(decoded.formatVersion == DecisionGraph.currentFormatVersion)
        #expect(decoded.nodes == graph.nodes)
        #expect(decoded.rules == graph.rules)
        #expect(decoded.compiledPatterns.map(\.source) == graph.patterns)
        #expect(GraphPrinter.text(decoded) == GraphPrinter.text(graph))
        #expect(GraphPrinter.dot(graph).hasPrefix("digraph baton {"))
    }

    @Test func explanationsShowEvidence() throws {
        let engine = try engine("rule upset { when avg(sentiment, last 3) <= -0.45 and intent == wismo then escalate reason \"upset\" }\n")
        var session = engine.makeSession(id: "s")
        for event in moods([-0.5, -0.7]) { _ = engine.evaluate(event, in: &session) }
        let decision = engine.evaluate(customer("s=-0.66 no", intent: "wismo"), in: &session, explain: true)
        let trace = try #require(decision.trace?.first)
        #expect(trace.fired)
        let details = trace.conditions.map(\.detail)
        #expect(details.contains("avg(sentiment, last 3) was -0.62, at most -0.45: held"))
        #expect(trace.conditions.allSatisfy { $0.location.hasPrefix("test.baton:") })
    }
}
