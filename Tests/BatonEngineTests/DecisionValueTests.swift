@testable import BatonCore
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

    /// The engine's form of `escalation`: its deciding rule (1, double_charge)
    /// and its lists as numbers into a name table.
    static let table = DecisionNameTable(
        rules: ["angry", "double_charge", "trial", "unused"], tags: ["billing", "vip"], queues: ["care", "billing", nil, nil],
        urgencies: [nil, "high", nil, nil])
    static let codedEscalation = coded(
        outcome: .escalate, winner: 1, reason: "charged twice", message: "Connecting you with billing.",
        codes: [1, 0, DecisionNameTable.heldCode(rule: 0, by: .cooldown), DecisionNameTable.shadowCode(rule: 2, outcome: .offerHandoff), 0],
        fired: 2, held: 1, shadow: 1)

    /// A decision as the engine makes one, its winner (-1 for none) and lists numbers into `table`.
    static func coded(
        outcome: Decision.Outcome, winner: Int32 = -1, reason: String? = nil, message: String? = nil, codes: [Int32], fired: Int,
        held: Int, shadow: Int
    ) -> Decision {
        Decision(
            outcome: outcome, winner: winner, naming: nil, reasonBytes: reason?.utf8.count ?? -1,
            messageBytes: message?.utf8.count ?? -1, trace: nil, table: table, fired: fired, held: held, shadow: shadow,
            tags: codes.count - fired - held - shadow
        ) { tail, text in
            for (index, code) in codes.enumerated() { tail[index] = code }
            Decision.Storage.write(reason, to: text)
            Decision.Storage.write(message, to: text + (reason?.utf8.count ?? 0))
        }
    }

    @Test func codedListsReadAsTheirNames() {
        let decision = Self.codedEscalation
        #expect(Array(decision.firedRules) == ["double_charge", "angry"])
        #expect(Array(decision.tags) == ["billing"])
        #expect(Array(decision.heldBack) == [GuardHold(rule: "angry", guardName: .cooldown)])
        #expect(Array(decision.shadowRules) == [ShadowFiring(rule: "trial", outcome: .offerHandoff)])
        #expect(decision.firedRules.count == 2 && decision.firedRules.last == "angry")
    }

    @Test func codedAndListedDecisionsAreOneValue() throws {
        #expect(Self.codedEscalation == Self.escalation)
        #expect(Set([Self.codedEscalation, Self.escalation]).count == 1)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(Self.codedEscalation) == encoder.encode(Self.escalation))
        #expect(try JSONDecoder().decode(Decision.self, from: encoder.encode(Self.codedEscalation)) == Self.escalation)
    }

    /// The deciding rule by number reads its name, queue and urgency from
    /// the table; a rule without a queue or urgency, or no rule, reads nil.
    @Test(arguments: [
        (Int32(1), "double_charge", "billing", "high"), (0, "angry", "care", nil), (2, "trial", nil, nil), (-1, nil, nil, nil),
    ])
    func theWinnerByNumberIsNamedByTheTable(winner: Int32, rule: String?, queue: String?, urgency: String?) throws {
        let decision = Self.coded(outcome: winner < 0 ? .continue : .escalate, winner: winner, codes: [0], fired: 0, held: 0, shadow: 0)
        #expect(decision.rule == rule && decision.queue == queue && decision.urgency == urgency)
        let listed = Decision(
            outcome: decision.outcome, rule: rule, queue: queue, urgency: urgency, tags: ["billing"])
        #expect(decision == listed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(decision) == encoder.encode(listed))
    }

    /// Changing one of the winner's strings keeps the other two, the
    /// decision it was copied from and the table as they were; a string
    /// set to nil reads nil, not the table's.
    @Test func changingTheWinnersStringsCopiesThem() {
        let original = Self.codedEscalation
        var copy = original
        copy.queue = "fraud"
        #expect(copy.rule == "double_charge" && copy.queue == "fraud" && copy.urgency == "high")
        #expect(original.queue == "billing" && copy.storage !== original.storage)
        copy.rule = nil
        copy.urgency = nil
        #expect(copy.rule == nil && copy.urgency == nil && copy.queue == "fraud")
        #expect(copy.firedRules == ["double_charge", "angry"] && copy.reason == "charged twice")
        var renamed = original
        renamed.rule = "angry"
        #expect(renamed.rule == "angry" && renamed.queue == "billing" && renamed.urgency == "high")
        #expect(original == Self.escalation && Self.table.queues == ["care", "billing", nil, nil])
    }

    /// Every guard and every shadow outcome survives its code.
    @Test(arguments: [
        (GuardHold.Guard.cooldown, Decision.Outcome.continue), (.maxEscalations, .offerHandoff), (.cooldown, .escalate),
    ])
    func codesKeepGuardsAndOutcomes(guardName: GuardHold.Guard, outcome: Decision.Outcome) {
        let decision = Self.coded(
            outcome: .continue,
            codes: [DecisionNameTable.heldCode(rule: 3, by: guardName), DecisionNameTable.shadowCode(rule: 3, outcome: outcome), 1],
            fired: 0, held: 1, shadow: 1)
        #expect(decision.heldBack == [GuardHold(rule: "unused", guardName: guardName)])
        #expect(decision.shadowRules == [ShadowFiring(rule: "unused", outcome: outcome)])
        #expect(decision.tags == ["vip"])
        #expect(decision.firedRules.isEmpty)
    }

    /// Changing a coded list turns it into a plain one and leaves the
    /// decision it was read from, and the name table, alone.
    @Test func changingACodedListCopiesIt() {
        let original = Self.codedEscalation
        var copy = original
        copy.tags.append("fraud")
        copy.firedRules[1] = "trial"
        copy.heldBack.removeAll()
        #expect(copy.tags == ["billing", "fraud"])
        #expect(copy.firedRules == ["double_charge", "trial"])
        #expect(copy.heldBack.isEmpty)
        #expect(copy.shadowRules == original.shadowRules)
        #expect(original == Self.escalation)
        #expect(Self.table.rules == ["angry", "double_charge", "trial", "unused"])
    }

    /// Changing a field of a shared coded decision copies its storage, lists and all.
    @Test func changingAFieldOfACodedDecisionCopiesItsLists() {
        let original = Self.codedEscalation
        var copy = original
        copy.reason = "changed"
        copy.outcome = .offerHandoff
        #expect(copy.firedRules == ["double_charge", "angry"])
        #expect(copy.heldBack == [GuardHold(rule: "angry", guardName: .cooldown)])
        #expect(copy.shadowRules == [ShadowFiring(rule: "trial", outcome: .offerHandoff)])
        #expect(copy.tags == ["billing"])
        #expect(copy.storage !== original.storage)
        #expect(original == Self.escalation)
        #expect(original.reason == "charged twice" && copy.reason == "changed")
    }

    /// A list read from a decision stays valid after the decision is gone.
    @Test func aListOutlivesItsDecision() {
        var list: Decision.List<String> = []
        do {
            let decision = Self.coded(outcome: .escalate, winner: 0, codes: [0, 2, 1], fired: 2, held: 0, shadow: 0)
            list = decision.firedRules
        }
        #expect(list == ["angry", "trial"])
        #expect(list.description == #"["angry", "trial"]"#)
    }

    /// The reason and message are bytes after the lists: absent and empty
    /// stay apart, any UTF-8 survives, and setting one keeps the other and
    /// the lists.
    @Test(arguments: [
        (String?.none, String?.none), ("", nil), (nil, ""), ("", ""), ("charged twice", nil), (nil, "Connecting you."),
        ("Zürich 🚚 " + String(repeating: "x", count: 300), "é"), ("a", "bc"), ("abc", "d"),
    ])
    func textsAreKeptByTheBytes(reason: String?, message: String?) {
        let coded = Self.coded(
            outcome: .escalate, winner: 1, reason: reason, message: message, codes: [1, 0, 1], fired: 2, held: 0, shadow: 0)
        let listed = Decision(
            outcome: .escalate, rule: "double_charge", queue: "billing", urgency: "high", reason: reason, message: message,
            tags: ["vip"], firedRules: ["double_charge", "angry"])
        for decision in [coded, listed] {
            #expect(decision.reason == reason)
            #expect(decision.message == message)
            #expect(decision.firedRules == ["double_charge", "angry"] && decision.tags == ["vip"])
        }
        #expect(coded == listed)
        var changed = coded
        changed.reason = "now " + (reason ?? "none")
        #expect(changed.reason == "now " + (reason ?? "none"))
        #expect(changed.message == message)
        changed.message = nil
        #expect(changed.message == nil && changed.reason == "now " + (reason ?? "none"))
        #expect(changed.firedRules == ["double_charge", "angry"] && changed.tags == ["vip"])
        #expect(coded.reason == reason && coded.message == message)
    }

    /// A decision with nothing to report shares the plain `continue` storage.
    @Test func anEmptyCodedDecisionIsProceed() {
        let empty = Self.coded(outcome: .continue, codes: [], fired: 0, held: 0, shadow: 0)
        #expect(empty == .proceed)
        #expect(empty.storage === Decision.proceed.storage)
    }
}
