import Baton
import BatonCore
import BatonTestSupport
import Foundation
import Testing

/// Conflict order, shadow rules and loop guards.
struct DecisionTests {
    static let conflicting = """
    rule tag_only { when turn_count >= 1 then tag "seen" }
    rule offer_high { priority 500 when turn_count >= 1 then offer_handoff reason "offer" tag "offer" }
    rule escalate_low { when turn_count >= 1 then escalate queue "low" reason "low" tag "seen", "a" }
    rule escalate_high { priority 10 when turn_count >= 1 then escalate queue "high" reason "high" }
    rule escalate_high_later { priority 10 when turn_count >= 1 then escalate queue "later" reason "later" tag "b", "a" }
    shadow rule trial { priority 900 when turn_count >= 1 then escalate reason "trial" tag "never" }

    """

    /// Tags are collected one way when the rules have at most 64 in all (as
    /// bits) and another past that: both give every acting rule's tags that
    /// fired or was held back, sorted, each once, and none of a rule that did
    /// not fire or is in shadow.
    @Test(arguments: [12, 64, 65, 150])
    func tagsAreSortedAndOnceEach(_ tagCount: Int) throws {
        var random = SeededRandom(seed: UInt64(tagCount))
        var source = ""
        var expected = Set<String>()
        for rule in 0..<60 {
            let tags = (0..<(1 + rule % 4)).map { _ in "t\(Int.random(in: 0..<tagCount, using: &random))" }
            let list = tags.map { "\"\($0)\"" }.joined(separator: ", ")
            let fires = rule % 3 != 0
            let shadow = rule % 10 == 1
            source += "\(shadow ? "shadow " : "")rule r\(rule) { when turn_count \(fires ? ">=" : "<") 1 then tag \(list) }\n"
            if fires, !shadow { expected.formUnion(tags) }
        }
        // Every tag used somewhere, so the rules have exactly `tagCount` tags.
        source += "rule never { when turn_count < 0 then tag \((0..<tagCount).map { "\"t\($0)\"" }.joined(separator: ", ")) }\n"
        let engine = try engine(source)
        let decision = try #require(run(engine, [customer()]).first)
        #expect(decision.tags == expected.sorted())
    }

    @Test func conflictsResolveByOutcomeThenPriorityThenPosition() throws {
        let engine = try engine(Self.conflicting)
        for _ in 0..<3 {
            let decision = try #require(run(engine, [customer()]).first)
            #expect(decision.outcome == .escalate)
            #expect(decision.rule == "escalate_high")
            #expect(decision.queue == "high")
            #expect(decision.firedRules == ["escalate_high", "escalate_high_later", "escalate_low", "offer_high", "tag_only"])
            // Tags of every firing acting rule, sorted, each once; never a shadow rule's.
            #expect(decision.tags == ["a", "b", "offer", "seen"])
            #expect(decision.shadowRules == [ShadowFiring(rule: "trial", outcome: .escalate)])
        }
    }

    /// Rules sharing a first test are visited together, out of conflict
    /// order: the decision must still list them in conflict order, as the
    /// explaining evaluation (which visits every rule in order) does.
    @Test func rulesSharingAFirstTestStillDecideInConflictOrder() throws {
        let engine = try engine("""
        rule a { priority 1 when metadata.tier == "gold" and confidence >= 0.5 then tag "a" }
        rule b { priority 2 when confidence >= 0.5 and metadata.cart_value > 10 then offer_handoff reason "b" }
        rule c { priority 3 when metadata.tier == "gold" and metadata.cart_value > 10 then escalate reason "c" }
        rule d { priority 4 when confidence >= 0.5 then tag "d" }
        rule e { priority 5 when metadata.tier == "gold" and confidence >= 0.9 then escalate reason "e" }
        rule f { priority 6 when confidence >= 0.5 and metadata.cart_value > 100 then escalate reason "f" }

        """)
        let cases: [(String, Double, Double, [String])] = [
            ("gold", 0.95, 50, ["e", "c", "b", "d", "a"]),
            ("gold", 0.95, 500, ["f", "e", "c", "b", "d", "a"]),
            ("silver", 0.95, 500, ["f", "b", "d"]),
            ("gold", 0.6, 5, ["d", "a"]),
            ("gold", 0.1, 50, ["c"]),
        ]
        for (tier, confidence, cart, expected) in cases {
            let event = customer(intent: "wismo", confidence: confidence,
                                 metadata: ["tier": .string(tier), "cart_value": .number(cart)])
            var quick = engine.makeSession(id: "s"), explained = engine.makeSession(id: "s")
            let decision = engine.evaluate(event, in: &quick)
            var withTrace = engine.evaluate(event, in: &explained, explain: true)
            #expect(decision.firedRules == expected, "\(tier) \(confidence) \(cart)")
            #expect(decision.rule == expected.first)
            #expect(withTrace.trace?.map(\.rule) == ["f", "e", "c", "b", "d", "a"])
            withTrace.trace = nil
            #expect(decision == withTrace)
        }
    }

    /// Turn-fixed rules (a, c) and a rule that is not (b) between them in
    /// conflict order are two runs of the list's bits: c, a and b, merged
    /// back to c, b, a.
    @Test func runsOfFixedAndOtherRulesAreMergedInConflictOrder() throws {
        let shared = try engine("""
        rule a { priority 1 when confidence >= 0.5 then escalate reason "a" }
        rule b { priority 2 when metadata.cart_value > 10 then escalate reason "b" }
        rule c { priority 3 when confidence >= 0.5 then escalate reason "c" }

        """)
        let decision = try #require(run(shared, [customer(intent: "wismo", metadata: ["cart_value": .number(50)])]).first)
        #expect(decision.firedRules == ["c", "b", "a"])
        #expect(decision.rule == "c")
    }

    /// A turn where one rule fires, tags or would have fired shares that
    /// rule's prepared list; with two, the lists are built. Both must read
    /// as the same decision would: tags sorted and each once.
    @Test(arguments: [
        (0.95, 10.0, ["lone"], ["a", "b"], ["trial"]),
        (0.95, 50.0, ["other", "lone"], ["a", "b", "c"], ["trial", "second_trial"]),
        (0.1, 50.0, ["other"], ["a", "c"], ["second_trial"]),
        (0.1, 10.0, [], [], []),
    ])
    func oneFiringRuleSharesItsListsAsSeveralBuildThem(
        confidence: Double, cart: Double, fired: [String], tags: [String], shadows: [String]
    ) throws {
        let engine = try engine("""
        rule lone { priority 1 when confidence >= 0.5 then escalate reason "lone" tag "b", "a", "b" }
        rule other { priority 2 when metadata.cart_value > 20 then escalate reason "other" tag "c", "a" }
        shadow rule trial { priority 3 when confidence >= 0.5 then escalate reason "t" tag "never" }
        shadow rule second_trial { when metadata.cart_value > 20 then offer_handoff reason "t" }

        """)
        let event = customer(intent: "wismo", confidence: confidence, metadata: ["cart_value": .number(cart)])
        var session = engine.makeSession(id: "s"), explained = engine.makeSession(id: "s")
        let decision = engine.evaluate(event, in: &session)
        #expect(decision.firedRules == fired)
        #expect(decision.rule == fired.first)
        #expect(decision.tags == tags)
        #expect(decision.shadowRules.map(\.rule) == shadows)
        // The explaining evaluation, which visits every rule, agrees.
        var withTrace = engine.evaluate(event, in: &explained, explain: true)
        withTrace.trace = nil
        #expect(decision == withTrace)
    }

    @Test func shadowRulesNeverDecideNorCount() throws {
        let engine = try engine("""
        guards { max_escalations 1 }
        shadow rule trial { when turn_count >= 1 then escalate reason "trial" }

        """)
        var session = engine.makeSession(id: "s")
        for _ in 0..<3 {
            let decision = engine.evaluate(customer(), in: &session)
            #expect(decision.outcome == .continue)
            #expect(decision.rule == nil)
            #expect(decision.shadowRules.map(\.rule) == ["trial"])
        }
        #expect(session.escalations == 0)
    }

    static let guarded = """
    guards {
      cooldown 2 turns
      max_escalations 2
    }
    rule angry { when message contains ["angry"] then escalate reason "angry" tag "upset" }
    rule fraud { bypass_guards when intent == fraud then escalate queue "fraud" reason "fraud" }
    rule noted { when message contains ["angry"] then tag "angry" }

    """

    @Test func maxEscalationsHoldsBackLaterEscalations() throws {
        let engine = try engine(Self.guarded)
        let decisions = run(engine, [
            customer("angry"), bot("sorry"), customer("angry"), customer("angry"), customer("angry", intent: "fraud"),
        ])
        #expect(decisions.map(\.outcome) == [.escalate, .escalate, .escalate, .continue, .escalate])
        // The bot event of the first turn does not count a second escalation.
        #expect(decisions[3].heldBack == [GuardHold(rule: "angry", guardName: .maxEscalations)])
        // A held-back rule still tags the conversation.
        #expect(decisions[3].tags == ["angry", "upset"])
        #expect(decisions[4].rule == "fraud")
        #expect(decisions[4].heldBack == [GuardHold(rule: "angry", guardName: .maxEscalations)])
    }

    @Test func handBackStartsTheCooldown() throws {
        let engine = try engine(Self.guarded.replacingOccurrences(of: "max_escalations 2", with: "max_escalations 5"))
        var session = engine.makeSession(id: "s")
        #expect(engine.evaluate(customer("angry"), in: &session).outcome == .escalate)
        let handBack = engine.evaluate(operatorEvent(handBack: true), in: &session)
        #expect(handBack.outcome == .continue)
        #expect(handBack.heldBack.map(\.guardName) == [.cooldown])
        let first = engine.evaluate(customer("angry"), in: &session)
        #expect(first.outcome == .continue)
        #expect(first.heldBack == [GuardHold(rule: "angry", guardName: .cooldown)])
        #expect(engine.evaluate(customer("angry", intent: "fraud"), in: &session).rule == "fraud")
        // Two customer turns of cooldown are over: the third escalates again.
        #expect(engine.evaluate(customer("angry"), in: &session).outcome == .escalate)
        #expect(session.escalations == 3)
    }

    @Test func operatorEventsWithoutHandBackDoNotStartACooldown() throws {
        let engine = try engine(Self.guarded)
        let decisions = run(engine, [customer("hi"), operatorEvent(), customer("angry")])
        #expect(decisions.last?.outcome == .escalate)
    }
}
