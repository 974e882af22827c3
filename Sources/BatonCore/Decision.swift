/// What the engine decided for one turn, and why.
public struct Decision: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable, Comparable {
        case `continue`
        case offerHandoff = "offer_handoff"
        case escalate

        @usableFromInline var rank: Int {
            switch self {
            case .continue: 0
            case .offerHandoff: 1
            case .escalate: 2
            }
        }

        @inlinable init(rank: Int) {
            self = rank == 2 ? .escalate : rank == 1 ? .offerHandoff : .continue
        }

        public static func < (lhs: Outcome, rhs: Outcome) -> Bool { lhs.rank < rhs.rank }
    }

    /// The fields live in one object, copied on write: a decision crosses
    /// several calls on its way to the bot, and each copy of eleven separate
    /// fields retained (and later released) each of them.
    @usableFromInline var storage: Storage

    /// What the engine decided.
    public var outcome: Outcome {
        get { storage.outcome }
        _modify { makeUnique(); yield &storage.outcome }
    }
    /// The rule that decided the turn; nil when no acting rule fired.
    public var rule: String? {
        get { storage.rule }
        _modify { makeUnique(); yield &storage.rule }
    }
    public var queue: String? {
        get { storage.queue }
        _modify { makeUnique(); yield &storage.queue }
    }
    /// Ticket urgency: `low`, `normal`, `high` or `urgent`.
    public var urgency: String? {
        get { storage.urgency }
        _modify { makeUnique(); yield &storage.urgency }
    }
    /// The rendered reason template.
    public var reason: String? {
        get { storage.reason }
        _modify { makeUnique(); yield &storage.reason }
    }
    /// The rendered transition message for the customer.
    public var message: String? {
        get { storage.message }
        _modify { makeUnique(); yield &storage.message }
    }
    /// Conversation tags from every firing acting rule, sorted, no duplicates.
    public var tags: List<String> {
        @inlinable get { storage.codes.list(.tag) }
        set { setLists(tags: newValue) }
    }
    /// Every acting rule that fired, winner first, in conflict order.
    public var firedRules: List<String> {
        @inlinable get { storage.codes.list(.fired) }
        set { setLists(firedRules: newValue) }
    }
    /// Shadow rules that would have fired, with their would-be outcome.
    public var shadowRules: List<ShadowFiring> {
        @inlinable get { storage.codes.list(.shadow) }
        set { setLists(shadowRules: newValue) }
    }
    /// Rules that fired but were held back by a loop guard.
    public var heldBack: List<GuardHold> {
        @inlinable get { storage.codes.list(.held) }
        set { setLists(heldBack: newValue) }
    }
    /// Why: filled only when the caller asks for an explanation.
    public var trace: [RuleTrace]? {
        get { storage.trace }
        _modify { makeUnique(); yield &storage.trace }
    }

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
        tags: List<String> = [],
        firedRules: List<String> = [],
        shadowRules: List<ShadowFiring> = [],
        heldBack: List<GuardHold> = [],
        trace: [RuleTrace]? = nil
    ) {
        // Most turns continue with nothing to report: they share one storage.
        if outcome == .continue, rule == nil, queue == nil, urgency == nil, reason == nil, message == nil,
           tags.isEmpty, firedRules.isEmpty, shadowRules.isEmpty, heldBack.isEmpty, trace == nil {
            storage = Storage.proceed
            return
        }
        storage = Storage(
            outcome: outcome, rule: rule, queue: queue, urgency: urgency, reason: reason, message: message,
            codes: .listing(tags: tags, firedRules: firedRules, shadowRules: shadowRules, heldBack: heldBack), trace: trace)
    }

    /// The engine's decision: its lists are numbers into its rule set's names.
    @inlinable
    package init(
        outcome: Outcome,
        rule: String?,
        queue: String?,
        urgency: String?,
        reason: String?,
        message: String?,
        codes: DecisionCodes,
        trace: [RuleTrace]?
    ) {
        if outcome == .continue, rule == nil, codes.isEmpty, trace == nil {
            storage = Storage.proceed
            return
        }
        storage = Storage(
            outcome: outcome, rule: rule, queue: queue, urgency: urgency, reason: reason, message: message,
            codes: codes, trace: trace)
    }

    public init(from decoder: any Decoder) throws {
        storage = Storage(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.fields.encode(to: encoder)
    }

    public static func == (lhs: Decision, rhs: Decision) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.fields)
    }

    @inlinable
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    }

    /// The fields as one value, for coding, comparing and hashing; the
    /// synthesised coding is the decision's JSON and YAML form.
    @usableFromInline
    struct Fields: Sendable, Hashable, Codable {
        var outcome: Outcome
        var rule: String?
        var queue: String?
        var urgency: String?
        var reason: String?
        var message: String?
        var tags: List<String>
        var firedRules: List<String>
        var shadowRules: List<ShadowFiring>
        var heldBack: List<GuardHold>
        var trace: [RuleTrace]?
    }

    /// Replaces some of the lists, numbering them all anew.
    mutating func setLists(
        tags: List<String>? = nil, firedRules: List<String>? = nil, shadowRules: List<ShadowFiring>? = nil,
        heldBack: List<GuardHold>? = nil
    ) {
        let codes = DecisionCodes.listing(
            tags: tags ?? self.tags, firedRules: firedRules ?? self.firedRules, shadowRules: shadowRules ?? self.shadowRules,
            heldBack: heldBack ?? self.heldBack)
        makeUnique()
        storage.codes = codes
    }

    /// Written only through `makeUnique`, so a shared storage never changes.
    /// Stored properties rather than one `Fields` value: an inlined init
    /// then writes each value into the object, where a whole struct was
    /// built, copied in and destroyed. Unchecked exclusivity: a decision
    /// owns its storage whenever it writes, and the checks, made at run time
    /// for a class's properties, cost 50 instructions per field written.
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline @exclusivity(unchecked) var outcome: Outcome
        @usableFromInline @exclusivity(unchecked) var rule: String?
        @usableFromInline @exclusivity(unchecked) var queue: String?
        @usableFromInline @exclusivity(unchecked) var urgency: String?
        @usableFromInline @exclusivity(unchecked) var reason: String?
        @usableFromInline @exclusivity(unchecked) var message: String?
        @usableFromInline @exclusivity(unchecked) var codes: DecisionCodes
        @usableFromInline @exclusivity(unchecked) var trace: [RuleTrace]?

        @inlinable
        init(
            outcome: Outcome,
            rule: String?,
            queue: String?,
            urgency: String?,
            reason: String?,
            message: String?,
            codes: DecisionCodes,
            trace: [RuleTrace]?
        ) {
            self.outcome = outcome
            self.rule = rule
            self.queue = queue
            self.urgency = urgency
            self.reason = reason
            self.message = message
            self.codes = codes
            self.trace = trace
        }

        @usableFromInline
        convenience init(_ fields: Fields) {
            self.init(
                outcome: fields.outcome, rule: fields.rule, queue: fields.queue, urgency: fields.urgency,
                reason: fields.reason, message: fields.message,
                codes: .listing(
                    tags: fields.tags, firedRules: fields.firedRules, shadowRules: fields.shadowRules, heldBack: fields.heldBack),
                trace: fields.trace)
        }

        @usableFromInline
        var fields: Fields {
            Fields(
                outcome: outcome, rule: rule, queue: queue, urgency: urgency, reason: reason, message: message,
                tags: codes.list(.tag), firedRules: codes.list(.fired), shadowRules: codes.list(.shadow), heldBack: codes.list(.held),
                trace: trace)
        }

        @usableFromInline
        static let proceed = Storage(
            outcome: .continue, rule: nil, queue: nil, urgency: nil, reason: nil, message: nil,
            codes: .none, trace: nil)
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
