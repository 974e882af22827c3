/// The names a rule set's decisions can report, built once per loaded rule
/// set and shared by every decision the engine makes with it: a decision's
/// lists are numbers into it (see `Decision.Header`).
@usableFromInline
package final class DecisionNameTable: Sendable {
    /// Rule number → rule name.
    @usableFromInline package let rules: [String]
    /// Tag number → tag (in the engine's table ascending, so sorted numbers are sorted tags).
    @usableFromInline package let tags: [String]
    /// Rule number → the rule's queue and urgency, for a decision that
    /// names its deciding rule by number; empty in a table that names none.
    @usableFromInline package let queues: [String?]
    @usableFromInline package let urgencies: [String?]

    package init(rules: [String], tags: [String], queues: [String?] = [], urgencies: [String?] = []) {
        precondition(queues.isEmpty || queues.count == rules.count, "a queue for every rule")
        precondition(urgencies.isEmpty || urgencies.count == rules.count, "an urgency for every rule")
        self.rules = rules
        self.tags = tags
        self.queues = queues
        self.urgencies = urgencies
    }

    /// Rule `winner`'s name, queue or urgency; nil for -1 (no rule).
    @inlinable func winner(_ winner: Int32, _ field: Decision.Naming.Field) -> String? {
        guard winner >= 0 else { return nil }
        return switch field {
        case .rule: rules[Int(winner)]
        case .queue: queues.isEmpty ? nil : queues[Int(winner)]
        case .urgency: urgencies.isEmpty ? nil : urgencies[Int(winner)]
        }
    }

    @usableFromInline static let empty = DecisionNameTable(rules: [], tags: [])

    @inlinable package static func heldCode(rule: Int32, by guardName: GuardHold.Guard) -> Int32 {
        rule << 1 | (guardName == .cooldown ? 0 : 1)
    }

    @inlinable package static func shadowCode(rule: Int32, outcome: Decision.Outcome) -> Int32 {
        rule << 2 | Int32(outcome.rank)
    }

    /// Lists given by name, numbered into a table of their own: the numbers
    /// in a decision's order (fired, held back, shadow, tags).
    static func listing(
        tags: Decision.List<String>, firedRules: Decision.List<String>, shadowRules: Decision.List<ShadowFiring>,
        heldBack: Decision.List<GuardHold>
    ) -> (table: DecisionNameTable, codes: [Int32]) {
        if tags.isEmpty, firedRules.isEmpty, shadowRules.isEmpty, heldBack.isEmpty { return (.empty, []) }
        let table = DecisionNameTable(rules: Array(firedRules) + heldBack.map(\.rule) + shadowRules.map(\.rule), tags: Array(tags))
        let fired = firedRules.count, held = heldBack.count
        var codes = Array(0..<Int32(fired))
        codes += heldBack.enumerated().map { heldCode(rule: Int32(fired + $0), by: $1.guardName) }
        codes += shadowRules.enumerated().map { shadowCode(rule: Int32(fired + held + $0), outcome: $1.outcome) }
        codes += 0..<Int32(tags.count)
        return (table, codes)
    }

    /// Number `code` of a `kind` list, named.
    @inlinable
    func element<Element>(_ code: Int32, _ kind: Decision.ListKind) -> Element {
        switch kind {
        case .fired: rules[Int(code)] as! Element
        case .held: GuardHold(rule: rules[Int(code >> 1)], guardName: code & 1 == 0 ? .cooldown : .maxEscalations) as! Element
        case .shadow: ShadowFiring(rule: rules[Int(code >> 2)], outcome: Decision.Outcome(rank: Int(code & 3))) as! Element
        case .tag: tags[Int(code)] as! Element
        }
    }
}
