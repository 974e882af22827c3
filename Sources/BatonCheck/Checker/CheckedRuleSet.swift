public import BatonCore
public import BatonLanguage

/// A rule set that passed the checker: the input of the compiler.
public struct CheckedRuleSet: Sendable {
    public var schema: Schema
    public var rules: [CheckedRule]
    public var lets: [CheckedLet]
    public var guards: LoopGuards
    public var lexicon: [LexiconWord]
    /// Every file of the set, in load order, for rendering diagnostics and traces.
    public var sources: [SourceFile]
    /// The parsed trees, for the linter and the formatter.
    public var files: [RuleFile]

    /// The largest window any rule references, in customer turns.
    public var largestWindow: Int
}

/// Loop guards for a rule set; nil means no limit.
public struct LoopGuards: Sendable, Hashable, Codable {
    /// Customer turns after a hand-back during which no rule may escalate or offer a handoff.
    public var cooldownTurns: Int?
    /// Escalations allowed in one session.
    public var maxEscalations: Int?

    public init(cooldownTurns: Int? = nil, maxEscalations: Int? = nil) {
        self.cooldownTurns = cooldownTurns
        self.maxEscalations = maxEscalations
    }
}

/// A sentiment override from a `lexicon` block.
public struct LexiconWord: Sendable, Hashable, Codable {
    public var phrase: String
    public var valence: Double
}

public struct CheckedLet: Sendable, Hashable {
    public var name: String
    public var value: CheckedExpr
    public var path: String
    public var range: SourceRange
}

/// The outcome a rule asks for, ordered by precedence.
public enum Outcome: String, Sendable, Hashable, Codable, Comparable {
    case `continue`
    case offerHandoff = "offer_handoff"
    case escalate

    var rank: Int {
        switch self {
        case .continue: 0
        case .offerHandoff: 1
        case .escalate: 2
        }
    }

    public static func < (lhs: Outcome, rhs: Outcome) -> Bool { lhs.rank < rhs.rank }
}

public enum Urgency: String, Sendable, Hashable, Codable, CaseIterable {
    case low, normal, high, urgent
}

/// A template with resolved placeholders.
public struct CheckedTemplate: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        case text(String)
        case metadata(String)
        case api(String, APIField)
        case toolSummary
        case signal(Signal)
    }

    public var parts: [Part]
}

public struct CheckedRule: Sendable {
    public var name: String
    /// Position in the set: files in load order, rules in file order.
    public var index: Int
    public var path: String
    public var range: SourceRange
    public var nameRange: SourceRange
    public var isShadow: Bool
    public var priority: Int
    public var description: String?
    public var owner: String?
    public var ruleTags: [String]
    public var bypassGuards: Bool
    public var condition: CheckedExpr
    public var outcome: Outcome
    public var queue: String?
    public var urgency: Urgency?
    public var reason: CheckedTemplate?
    public var say: CheckedTemplate?
    /// Conversation tags added when the rule fires (`tag` actions).
    public var tags: [String]
    /// The rule as parsed, for lint rules that need its layout.
    public var declaration: RuleDecl
}
