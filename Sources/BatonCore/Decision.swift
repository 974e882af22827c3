/// What the engine decided for one turn, and why.
public struct Decision: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable, Comparable {
        case `continue`
        case offerHandoff = "offer_handoff"
        case escalate

        private var rank: Int {
            switch self {
            case .continue: 0
            case .offerHandoff: 1
            case .escalate: 2
            }
        }

        public static func < (lhs: Outcome, rhs: Outcome) -> Bool { lhs.rank < rhs.rank }
    }

    public var outcome: Outcome
    /// The rule that decided the turn; nil when no acting rule fired.
    public var rule: String?
    public var queue: String?
    /// Ticket urgency: `low`, `normal`, `high` or `urgent`.
    public var urgency: String?
    /// The rendered reason template.
    public var reason: String?
    /// The rendered transition message for the customer.
    public var message: String?
    /// Conversation tags from every firing acting rule, sorted, no duplicates.
    public var tags: [String]
    /// Every acting rule that fired, winner first, in conflict order.
    public var firedRules: [String]
    /// Shadow rules that would have fired, with their would-be outcome.
    public var shadowRules: [ShadowFiring]
    /// Rules that fired but were held back by a loop guard.
    public var heldBack: [GuardHold]
    /// Why: filled only when the caller asks for an explanation.
    public var trace: [RuleTrace]?

    // Inlinable, so callers in other modules move their values in rather
    // than have the init copy (and retain) every field.
    @inlinable
    public init(
        outcome: Outcome,
        rule: String? = nil,
        queue: String? = nil,
        urgency: String? = nil,
        reason: String? = nil,
        message: String? = nil,
        tags: [String] = [],
        firedRules: [String] = [],
        shadowRules: [ShadowFiring] = [],
        heldBack: [GuardHold] = [],
        trace: [RuleTrace]? = nil
    ) {
        self.outcome = outcome
        self.rule = rule
        self.queue = queue
        self.urgency = urgency
        self.reason = reason
        self.message = message
        self.tags = tags
        self.firedRules = firedRules
        self.shadowRules = shadowRules
        self.heldBack = heldBack
        self.trace = trace
    }

    public static let proceed = Decision(outcome: .continue)
}

public struct ShadowFiring: Sendable, Hashable, Codable {
    public var rule: String
    public var outcome: Decision.Outcome

    public init(rule: String, outcome: Decision.Outcome) {
        self.rule = rule
        self.outcome = outcome
    }
}

public struct GuardHold: Sendable, Hashable, Codable {
    public enum Guard: String, Sendable, Hashable, Codable {
        case cooldown
        case maxEscalations = "max_escalations"
    }

    public var rule: String
    public var guardName: Guard

    public init(rule: String, guardName: Guard) {
        self.rule = rule
        self.guardName = guardName
    }

    enum CodingKeys: String, CodingKey {
        case rule
        case guardName = "guard"
    }
}

/// One rule's evaluation, for explanations: whether it fired and the
/// conditions that decided it, each with the values that made it hold or fail.
public struct RuleTrace: Sendable, Hashable, Codable {
    public var rule: String
    public var fired: Bool
    public var shadow: Bool
    public var conditions: [ConditionTrace]

    public init(rule: String, fired: Bool, shadow: Bool, conditions: [ConditionTrace]) {
        self.rule = rule
        self.fired = fired
        self.shadow = shadow
        self.conditions = conditions
    }
}

public struct ConditionTrace: Sendable, Hashable, Codable {
    /// The condition as written in the rule file.
    public var source: String
    public var held: Bool
    /// Human-readable evidence: "avg sentiment over last 3 turns was -0.62, below -0.45".
    public var detail: String
    /// `path:line:col` of the condition.
    public var location: String

    public init(source: String, held: Bool, detail: String, location: String) {
        self.source = source
        self.held = held
        self.detail = detail
        self.location = location
    }
}
