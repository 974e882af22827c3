import Baton
import BatonCore
import BatonGraph
import Synchronization
import Testing

/// The evaluator keeps its per-event memo and the notes of firing rules in a
/// buffer per thread. An evaluation nested in another on the same thread (a
/// scorer that evaluates turns itself) must get a buffer of its own, and
/// threads evaluating at once must not see each other's.
struct ScratchTests {
    /// Lazily scored: no sentiment window, so the scorer runs in the middle
    /// of the rule loop (`gloomy` comes third in conflict order), after
    /// earlier rules have fired and been noted.
    static let outer = """
    rule first { priority 30 when turn_count >= 1 then tag "first" }
    rule refund { priority 20 when message contains ["refund"] then offer_handoff reason "refund" tag "refund" }
    rule gloomy { when sentiment < -0.5 then tag "gloomy" }
    rule closing { when turn_count >= 1 and message contains ["refund"] then tag "closing" }

    """

    /// More nodes and rules than `outer`, all firing, so an inner run that
    /// shared the outer buffer would overwrite both its memo and its notes.
    static let inner = """
    rule a1 { when turn_count >= 1 then tag "x1" }
    rule a2 { when turn_count >= 1 and confidence >= 0 then tag "x2" }
    rule a3 { when turn_count >= 1 and not message contains ["zzz"] then tag "x3" }
    rule a4 { when turn_count >= 1 and turn_count < 1000 then tag "x4" }
    rule a5 { when turn_count >= 1 and intent == wismo then escalate reason "inner" tag "x5" }
    rule a6 { when turn_count >= 1 and message contains ["refund"] then tag "x6" }

    """

    /// Scores every message -0.8, after evaluating a turn on another engine.
    final class NestingScorer: SentimentScoring {
        let engine: RuleEngine
        private let nestedDecisions = Mutex(0)

        init(engine: RuleEngine) { self.engine = engine }

        var nestedCount: Int { nestedDecisions.withLock { $0 } }

        func scores(_ text: String) -> SentimentScores {
            var session = engine.makeSession(id: "inner")
            let decision = engine.evaluate(customer("refund please", intent: "wismo"), in: &session)
            if decision.rule == "a5" { nestedDecisions.withLock { $0 += 1 } }
            return SentimentScores(neg: 0.5, neu: 0.5, pos: 0, compound: -0.8)
        }
    }

    @Test func anEvaluationNestedInAScorerKeepsTheOuterOnesMemoAndNotes() throws {
        let inner = try engine(Self.inner)
        let scorer = NestingScorer(engine: inner)
        let outer = RuleEngine(ruleSet: try checked(Self.outer), scorer: scorer)
        let plain = try engine(Self.outer, scorer: FakeScorer(["I want a refund": -0.8]))
        for engine in [outer, plain] {
            let decision = try #require(run(engine, [customer("I want a refund")]).first)
            #expect(decision.outcome == .offerHandoff)
            #expect(decision.rule == "refund")
            #expect(decision.firedRules == ["refund", "first", "gloomy", "closing"])
            #expect(decision.tags == ["closing", "first", "gloomy", "refund"])
        }
        // The scorer really ran a full inner evaluation, which decided too.
        #expect(scorer.nestedCount == 1)
    }

    /// A run lives in the scratch buffer, which is never destroyed as a
    /// whole: ending it must release what it held, or the compiled rules
    /// would outlive their engine.
    @Test func anEndedRunHoldsNothingOfItsEngine() throws {
        weak var graph: DecisionGraph?
        do {
            let engine = try engine(Self.outer, scorer: FakeScorer(["I want a refund": -0.8]))
            graph = engine.graph
            let decisions = run(engine, [customer("I want a refund"), bot(), customer("thanks")])
            #expect(decisions.count == 3)
        }
        #expect(graph == nil)
    }

    @Test func threadsEvaluatingAtOnceGetWhatOneThreadGets() async throws {
        let engine = try engine(DecisionTests.conflicting + Self.inner)
        let conversation = (0..<40).flatMap { turn in
            [customer(turn % 3 == 0 ? "a refund" : "hello", intent: turn % 2 == 0 ? "wismo" : "sizing"), bot()]
        }
        let expected = run(engine, conversation)
        let results = await withTaskGroup(of: [Decision].self) { group in
            for _ in 0..<8 {
                group.addTask { run(engine, conversation) }
            }
            var all: [[Decision]] = []
            for await decisions in group { all.append(decisions) }
            return all
        }
        #expect(results.count == 8)
        for decisions in results { #expect(decisions == expected) }
    }
}
