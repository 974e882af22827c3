import BatonCore
import Foundation
import Testing

/// `Decision` keeps its fields in one shared object: it must still behave
/// as a plain value (copies independent, coding and equality by fields).
struct DecisionValueTests {
    static let escalation = Decision(
        outcome: .escalate, rule: "double_charge", queue: "billing", urgency: "high", reason: "charged twice",
        message: "Connecting you with billing.", tags: ["billing"], firedRules: ["double_charge", "angry"],
        shadowRules: [ShadowFiring(rule: "trial", outcome: .offerHandoff)],
        heldBack: [GuardHold(rule: "angry", guardName: .cooldown)])

    @Test func aCopyChangesAlone() {
        let original = Self.escalation
        var copy = original
        copy.queue = "fraud"
        copy.tags.append("fraud")
        copy.firedRules.removeAll()
        #expect(original.queue == "billing")
        #expect(original.tags == ["billing"])
        #expect(original.firedRules == ["double_charge", "angry"])
        #expect(copy.queue == "fraud")
        #expect(copy.tags == ["billing", "fraud"])
        #expect(copy.firedRules.isEmpty)
        #expect(copy != original)
    }

    /// Plain `continue` decisions share one storage; changing one must not
    /// change the others.
    @Test func changingAContinueDecisionLeavesOthersAlone() {
        var changed = Decision(outcome: .continue)
        changed.tags = ["looked"]
        changed.outcome = .offerHandoff
        let fresh = Decision(outcome: .continue)
        #expect(fresh.tags.isEmpty)
        #expect(fresh.outcome == .continue)
        #expect(Decision.proceed == fresh)
        #expect(changed.tags == ["looked"])
        #expect(changed.outcome == .offerHandoff)
    }

    @Test func equalFieldsAreEqualAndHashAlike() {
        let rebuilt = Decision(
            outcome: .escalate, rule: "double_charge", queue: "billing", urgency: "high", reason: "charged twice",
            message: "Connecting you with billing.", tags: ["billing"], firedRules: ["double_charge", "angry"],
            shadowRules: [ShadowFiring(rule: "trial", outcome: .offerHandoff)],
            heldBack: [GuardHold(rule: "angry", guardName: .cooldown)])
        #expect(rebuilt == Self.escalation)
        #expect(Set([rebuilt, Self.escalation, Decision(outcome: .continue)]).count == 2)
    }

    /// The JSON form is the fields themselves, absent optionals left out.
    @Test func codesAsItsFields() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(String(data: encoder.encode(Decision(outcome: .offerHandoff, rule: "r", tags: ["t"])), encoding: .utf8))
        #expect(json == #"{"firedRules":[],"heldBack":[],"outcome":"offer_handoff","rule":"r","shadowRules":[],"tags":["t"]}"#)
        let decoded = try JSONDecoder().decode(Decision.self, from: encoder.encode(Self.escalation))
        #expect(decoded == Self.escalation)
        #expect(decoded.heldBack.first?.guardName == .cooldown)
    }
}
