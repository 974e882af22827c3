import Baton
import BatonCore
import BatonGraph
@testable import BatonRuntime
import BatonTestSupport
import Testing

/// Rules whose conditions a turn's later events cannot change are tested on
/// the turn's first evaluation only; later events take their firing from
/// the session's bits (`TurnFixedRules`). The decisions must be exactly
/// those of testing every rule on every event.
struct TurnFixedRuleTests {
    @Test(arguments: [
        ("intent == wismo and confidence >= 0.5", true),
        ("sentiment < -0.5", true),
        ("avg(sentiment, last 3) <= -0.4 and trend(sentiment, last 4) < 0", true),
        ("min(confidence, last 5) < 0.3", true),
        ("message contains [\"refund\"]", true),
        ("message matches \"charged (twice|two times)\"", true),
        ("turn_count >= 3", true),
        ("intent was [human_request] within last 2", true),
        ("intent was sizing", true),
        ("count(sentiment < -0.3, last 3) >= 2", true),
        ("not (intent == wismo or sentiment > 0.5)", true),
        ("metadata.tier == \"gold\"", false),
        ("metadata.vip", false),
        ("intent == wismo and metadata.cart_value >= 100", false),
        ("api.orders.status == \"shipped\"", false),
        ("api.orders.error is 5xx", false),
        ("api_error", false),
        ("api.orders.status is unknown", false),
        ("tool_call escalate_to_human", false),
        ("tool.summary contains [\"refund\"]", false),
        ("count(api_error is 5xx, last 5) >= 2", false),
        ("consecutive(api.orders.error) >= 2", false),
        ("sentiment < -0.5 or api_error", false),
    ])
    func whichRulesAreFixedForATurn(condition: String, fixed: Bool) throws {
        let graph = try engine("rule r { when \(condition) then escalate }\n").graph
        #expect(TurnFixedRules(graph).isFixed == [fixed], "\(condition)")
    }

    /// Fixed and varying rules of every kind, guards, shadow rules and
    /// tags: what a turn's later events can and cannot change.
    static let mixed = """
    guards {
      cooldown 2 turns
      max_escalations 2
    }
    let upset = avg(sentiment, last 3) <= -0.4
    rule fraud { priority 90 bypass_guards when intent == fraud then escalate queue "fraud" reason "fraud at {confidence}" }
    rule gold_wismo { priority 80 when intent == wismo and metadata.tier == "gold" then escalate reason "gold {metadata.order_id}" }
    rule upset_wismo { priority 70 when intent == wismo and upset then offer_handoff reason "upset" }
    rule lost { priority 65 when api.orders.status == "lost_in_transit" then escalate reason "lost {api.orders.status}" }
    rule failing { priority 60 when count(api_error is 5xx, last 3) >= 2 then escalate }
    rule said_refund { priority 55 when message contains ["refund", "money back"] then offer_handoff }
    rule charged { priority 50 when intent == payment_dispute and message matches "charged (twice|two times)" then escalate }
    rule self { priority 45 when tool_call escalate_to_human then escalate reason "{tool.summary}" }
    rule confident { priority 40 when intent in [wismo, sizing] and confidence >= 0.7 then tag "confident" }
    rule big_cart { priority 35 when metadata.cart_value >= 100 then tag "big" }
    rule asked_before { priority 30 when intent was [human_request] within last 3 then tag "asked" }
    rule mood { priority 25 when sentiment < -0.2 and not api_error then tag "mood" }
    rule long_chat { priority 20 when turn_count >= 4 then tag "long" }
    shadow rule trial { priority 15 when intent == sizing and upset then escalate }
    shadow rule trial_api { priority 14 when api.orders.error then offer_handoff }
    rule vip { priority 10 when metadata.vip then tag "vip" }

    """

    @Test func laterEventsDecideAsIfEveryRuleWereTested() throws {
        let scorer = FakeScorer()
        let engine = try engine(Self.mixed, scorer: scorer)
        var random = SeededRandom(seed: 7)
        for _ in 0..<40 {
            let events = Self.conversation(&random, turns: 12)
            try expectSameDecisions(engine, events)
        }
    }

    /// More fixed rules in one list than one word of bits holds.
    @Test func moreThanSixtyFourFixedRulesInOneList() throws {
        var source = ""
        for index in 0..<150 {
            let condition = switch index % 3 {
            case 0: "intent == wismo and confidence >= 0.\(index % 9 + 1)"
            case 1: "intent == wismo and avg(sentiment, last 2) <= -0.\(index % 9 + 1)"
            default: "sentiment < 0.\(index % 9)"
            }
            source += "rule f\(index) { priority \(index) when \(condition) then tag \"t\(index % 7)\" }\n"
        }
        source += "rule failed_call { priority 500 when intent == wismo and api.orders.error then escalate }\n"
        let engine = try engine(source)
        let fixed = TurnFixedRules(engine.graph)
        #expect(fixed.bitCount == 150)
        #expect(fixed.words == 3)
        var random = SeededRandom(seed: 11)
        for _ in 0..<20 {
            try expectSameDecisions(engine, Self.conversation(&random, turns: 8))
        }
    }

    /// Lists of every size around the words' edges (a list of up to two
    /// words is tested in registers, a longer one word by word), their
    /// fixed and varying rules interleaved in conflict order, with shadow
    /// rules and guards: every event decides as if every rule were tested.
    @Test(arguments: [1, 2, 63, 64, 65, 100, 127, 128, 129, 200])
    func listsOfEverySizeAroundTheWords(count: Int) throws {
        var source = "guards {\n  cooldown 1 turns\n  max_escalations 3\n}\n"
        for index in 0..<count {
            let condition = switch index % 4 {
            case 0: "intent == wismo and confidence >= 0.\(index % 9 + 1)"
            case 1: "intent == wismo and metadata.cart_value >= \(index % 7 * 40)"
            case 2: "sentiment < -0.\(index % 8 + 1)"
            default: "intent == wismo and api.orders.status == \"shipped\" and confidence >= 0.\(index % 5 + 2)"
            }
            let action = ["tag \"t\(index % 5)\"", "offer_handoff reason \"o\(index)\"", "escalate reason \"e\(index)\""][index % 3]
            source += "\(index % 13 == 5 ? "shadow " : "")rule r\(index) { priority \(index * 7 % 31) when \(condition) then \(action) }\n"
        }
        let engine = try engine(source)
        var random = SeededRandom(seed: UInt64(count))
        try expectSameDecisions(engine, Self.conversation(&random, turns: 40))
    }

    /// Past `maxBits` no rule is treated as fixed, and the state does not grow.
    @Test func tooManyFixedRulesAreAllTestedOnEveryEvent() throws {
        var source = ""
        for index in 0...TurnFixedRules.maxBits {
            source += "rule f\(index) { when sentiment < 0.\(index % 9) and confidence >= 0.\(index % 7) then tag \"t\" }\n"
        }
        let engine = try engine(source)
        let fixed = TurnFixedRules(engine.graph)
        #expect(fixed.bitCount == 0)
        #expect(!fixed.isFixed.contains(true))
        var random = SeededRandom(seed: 3)
        try expectSameDecisions(engine, Self.conversation(&random, turns: 6), recalling: false)
    }

    @Test func laterEventsOfATurnRecallTheFixedRules() throws {
        let engine = try engine(Self.mixed)
        let evaluator = Evaluator(graph: engine.graph, scorer: FakeScorer())
        var state = evaluator.makeState()
        var stats = EvaluationStats()
        _ = evaluator.evaluate(customer("s=-0.9 refund", intent: "wismo"), state: &state, explain: false, stats: &stats)
        #expect(stats.rulesRecalled == 0)
        #expect(state.flags.contains(.fixedNoted))
        let visitedFirst = stats.rulesVisited
        stats = EvaluationStats()
        let decision = evaluator.evaluate(bot(api: [APIResult(api: "orders", status: "lost_in_transit")]), state: &state, explain: false, stats: &stats)
        #expect(stats.rulesRecalled > 0)
        #expect(stats.rulesVisited + stats.rulesRecalled == visitedFirst)
        // Recalled (upset_wismo, said_refund, confident) and tested again (lost, mood) alike.
        #expect(decision.rule == "lost")
        #expect(Array(decision.firedRules) == ["lost", "upset_wismo", "said_refund", "confident", "mood"])
        // A new turn tests everything again.
        stats = EvaluationStats()
        _ = evaluator.evaluate(customer("fine", intent: "sizing"), state: &state, explain: false, stats: &stats)
        #expect(stats.rulesRecalled == 0)
    }

    /// A reload mid-turn renumbers the rules: the moved session tests every
    /// rule on its next event rather than reading the old rules' bits.
    @Test func aReloadMidTurnTestsEveryRuleAgain() throws {
        let old = try engine(Self.mixed)
        let reordered = try engine("rule first { when intent == wismo then tag \"first\" }\n" + Self.mixed)
        let oldEvaluator = Evaluator(graph: old.graph, scorer: FakeScorer())
        let evaluator = Evaluator(graph: reordered.graph, scorer: FakeScorer())
        var state = oldEvaluator.makeState()
        _ = oldEvaluator.evaluate(customer("s=-0.9 refund", intent: "wismo"), state: &state)
        #expect(state.flags.contains(.fixedNoted))
        var moved = evaluator.migrate(state, from: old.graph)
        #expect(!moved.flags.contains(.fixedNoted))
        var stats = EvaluationStats()
        let decision = evaluator.evaluate(bot(), state: &moved, explain: false, stats: &stats)
        #expect(stats.rulesRecalled == 0)
        #expect(decision.tags.contains("first"))
    }

    /// Evaluates `events` in one session as the engine does; in another
    /// whose fixed-rule bits are dropped before every event, so every rule
    /// is tested; in one with traces, where every rule is tested and no bits
    /// are noted; and in one traced on later events only, which tests the
    /// fixed rules again after a customer event noted them. Every decision
    /// must be equal.
    private func expectSameDecisions(_ engine: RuleEngine, _ events: [TurnEvent], recalling expected: Bool = true) throws {
        let scorer = FakeScorer()
        let evaluator = Evaluator(graph: engine.graph, scorer: scorer)
        var recalling = evaluator.makeState()
        var testing = evaluator.makeState()
        var explained = evaluator.makeState()
        var explainedLater = evaluator.makeState()
        var recalled = 0
        for (index, event) in events.enumerated() {
            var stats = EvaluationStats()
            let decision = evaluator.evaluate(event, state: &recalling, explain: false, stats: &stats)
            recalled += stats.rulesRecalled
            testing.flags.remove(.fixedNoted)
            let tested = evaluator.evaluate(event, state: &testing)
            var traced = evaluator.evaluate(event, state: &explained, explain: true)
            traced.trace = nil
            var tracedLater = evaluator.evaluate(event, state: &explainedLater, explain: event.role != .customer)
            tracedLater.trace = nil
            let label = "event \(index): \(event.role) \(event.text ?? "")"
            #expect(decision == tested, "\(label)")
            #expect(decision == traced, "\(label), traced")
            #expect(decision == tracedLater, "\(label), traced on later events")
            #expect(decision.reason == tested.reason && decision.message == tested.message)
        }
        // The check is not vacuous: later events did recall fixed rules (where any are).
        #expect((recalled > 0) == expected)
    }

    /// A conversation of `turns` customer messages, each followed by bot
    /// events with API results, tool calls and metadata, and now and then an
    /// operator handing the chat back.
    static func conversation(_ random: inout SeededRandom, turns: Int) -> [TurnEvent] {
        let intents = ["wismo", "fraud", "sizing", "payment_dispute", "human_request", "refund_request", "not_in_schema"]
        let texts = ["s=-0.9 I want a refund", "s=-0.5 charged twice for this", "s=0.3 thanks", "s=-0.3 where is it", "s=0.8 money back please"]
        let statuses = ["shipped", "lost_in_transit", "delivered"]
        var events: [TurnEvent] = []
        for _ in 0..<turns {
            let intent = random.next(8) == 0 ? nil : intents[random.next(intents.count)]
            var metadata: [String: Value] = [:]
            if random.next(3) == 0 { metadata["tier"] = .string(random.next(2) == 0 ? "gold" : "silver") }
            events.append(customer(
                texts[random.next(texts.count)], intent: intent, confidence: Double(random.next(100)) / 100, metadata: metadata))
            for _ in 0..<(1 + random.next(3)) {
                var api: [APIResult] = []
                if random.next(2) == 0 {
                    let http = random.next(4) == 0 ? 503 : 200
                    api.append(APIResult(api: "orders", status: statuses[random.next(statuses.count)], httpStatus: http))
                }
                let tools = random.next(6) == 0
                    ? [ToolCall(name: "escalate_to_human", arguments: ["summary": .string("customer asks")])] : []
                var metadata: [String: Value] = [:]
                switch random.next(5) {
                case 0: metadata["cart_value"] = .number(Double(random.next(300)))
                case 1: metadata["vip"] = .bool(random.next(2) == 0)
                case 2: metadata["tier"] = .string("gold")
                default: break
                }
                events.append(bot(api: api, tools: tools, metadata: metadata))
            }
            if random.next(6) == 0 { events.append(operatorEvent(handBack: true)) }
        }
        return events
    }
}
