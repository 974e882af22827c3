public import BatonCore

/// A compiled rule: its root condition and what it does when it fires.
public struct GraphRule: Sendable, Hashable, Codable {
    public var name: String
    /// Position in the set (files in load order, rules in file order): the last tie-breaker.
    public var index: Int
    public var source: SourceRef
    public var isShadow: Bool
    public var priority: Int
    public var bypassGuards: Bool
    public var outcome: Decision.Outcome
    public var queue: String?
    /// Ticket urgency: `low`, `normal`, `high` or `urgent`.
    public var urgency: String?
    public var reason: Template?
    public var say: Template?
    /// Conversation tags added when the rule fires.
    public var tags: [String]
    public var root: NodeID
    public var description: String?
    public var owner: String?
    /// Metadata tags (`tags [...]`), for people and tools.
    public var labels: [String]

    public init(
        name: String, index: Int, source: SourceRef, isShadow: Bool, priority: Int, bypassGuards: Bool,
        outcome: Decision.Outcome, queue: String?, urgency: String?, reason: Template?, say: Template?,
        tags: [String], root: NodeID, description: String?, owner: String?, labels: [String]
    ) {
        self.name = name
        self.index = index
        self.source = source
        self.isShadow = isShadow
        self.priority = priority
        self.bypassGuards = bypassGuards
        self.outcome = outcome
        self.queue = queue
        self.urgency = urgency
        self.reason = reason
        self.say = say
        self.tags = tags
        self.root = root
        self.description = description
        self.owner = owner
        self.labels = labels
    }

    /// Conflict order: escalate before offer_handoff before continue, then
    /// higher priority, then earlier position. True when `self` beats `other`.
    @inlinable
    public func beats(_ other: GraphRule) -> Bool {
        if outcome != other.outcome { return outcome > other.outcome }
        if priority != other.priority { return priority > other.priority }
        return index < other.index
    }
}

/// A `reason` or `say` template with resolved placeholders.
public struct Template: Sendable, Hashable, Codable {
    public enum Part: Sendable, Hashable, Codable {
        case text(String)
        case metadata(slot: Int)
        case api(slot: Int, APIValueField)
        case toolSummary
        case signal(TurnSignal)
    }

    public var parts: [Part]
    public init(parts: [Part]) { self.parts = parts }
}

/// A window aggregate over the last `turns` customer turns.
public struct WindowSpec: Sendable, Hashable, Codable {
    public enum Source: Sendable, Hashable, Codable {
        /// `sentiment` or `confidence`.
        case signal(TurnSignal)
        /// A per-turn condition, by index into `DecisionGraph.tracks`.
        case track(Int)
    }

    public var aggregate: WindowAggregate
    public var source: Source
    public var turns: Int

    public init(aggregate: WindowAggregate, source: Source, turns: Int) {
        self.aggregate = aggregate
        self.source = source
        self.turns = turns
    }
}

/// A per-turn condition whose result is remembered for each customer turn
/// (one bit per turn), for `count`, `consecutive` and `intent was`.
public struct TurnTrack: Sendable, Hashable, Codable {
    public var node: NodeID
    /// Whether `intent was` without `within` reads it (a sticky "ever" bit).
    public var sticky: Bool

    public init(node: NodeID, sticky: Bool) {
        self.node = node
        self.sticky = sticky
    }
}

/// Loop guards of the set; nil means no limit.
public struct GuardSpec: Sendable, Hashable, Codable {
    public var cooldownTurns: Int?
    public var maxEscalations: Int?

    public init(cooldownTurns: Int?, maxEscalations: Int?) {
        self.cooldownTurns = cooldownTurns
        self.maxEscalations = maxEscalations
    }
}

/// A sentiment valence override from a `lexicon` block, carried for the façade.
public struct LexiconEntry: Sendable, Hashable, Codable {
    public var phrase: String
    public var valence: Double

    public init(phrase: String, valence: Double) {
        self.phrase = phrase
        self.valence = valence
    }
}
