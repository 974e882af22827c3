import BatonCore

/// A parsed rule file: its items in source order, plus the comments the
/// formatter puts back.
public struct RuleFile: Sendable, Hashable {
    public var path: String
    public var items: [Item]
    public var comments: [Comment]

    public init(path: String, items: [Item], comments: [Comment]) {
        self.path = path
        self.items = items
        self.comments = comments
    }

    public static func == (lhs: RuleFile, rhs: RuleFile) -> Bool { lhs.items == rhs.items }
    public func hash(into hasher: inout Hasher) { hasher.combine(items) }
}

/// A top-level declaration.
public enum Item: Sendable, Hashable {
    case importDecl(ImportDecl)
    case schema(SchemaDecl)
    case guards(GuardsDecl)
    case lexicon(LexiconDecl)
    case letDecl(LetDecl)
    case rule(RuleDecl)

    public var span: Span {
        switch self {
        case .importDecl(let decl): decl.span
        case .schema(let decl): decl.span
        case .guards(let decl): decl.span
        case .lexicon(let decl): decl.span
        case .letDecl(let decl): decl.span
        case .rule(let decl): decl.span
        }
    }
}

/// An identifier as written, with its span.
public struct Name: Sendable, Hashable {
    public var text: String
    public var span: Span

    public init(_ text: String, span: Span) {
        self.text = text
        self.span = span
    }
}

/// A string literal: its decoded value and the raw source (with quotes),
/// which the formatter writes back unchanged.
public struct StringLiteral: Sendable, Hashable {
    public var value: String
    public var span: Span

    public init(value: String, span: Span) {
        self.value = value
        self.span = span
    }
}

/// An integer literal such as a priority or a window size.
public struct IntLiteral: Sendable, Hashable {
    public var value: Int
    public var span: Span

    public init(value: Int, span: Span) {
        self.value = value
        self.span = span
    }
}

// MARK: - Declarations

/// `import "schema.baton"`: brings in another file's schema and `let`s.
public struct ImportDecl: Sendable, Hashable {
    public var path: StringLiteral
    public var span: Span
}

/// `schema { ... }`: the names a file may use.
public struct SchemaDecl: Sendable, Hashable {
    public var entries: [SchemaEntry]
    public var span: Span
}

public enum SchemaEntry: Sendable, Hashable {
    /// `intents a, b, c`
    case intents([Name], span: Span)
    /// `apis orders ["placed", "shipped"], payments`
    case apis([APIDecl], span: Span)
    /// `tools lookup_order, escalate_to_human`
    case tools([Name], span: Span)
    /// `metadata user_id: string, cart_value: number`
    case metadata([FieldDecl], span: Span)

    public var span: Span {
        switch self {
        case .intents(_, let span), .apis(_, let span), .tools(_, let span), .metadata(_, let span): span
        }
    }
}

/// An API and, optionally, the statuses it is known to report; a status
/// outside the list is a knowledge gap (`is unknown`).
public struct APIDecl: Sendable, Hashable {
    public var name: Name
    public var statuses: [StringLiteral]?
    public var span: Span
}

/// A metadata field and its declared type.
public struct FieldDecl: Sendable, Hashable {
    public var name: Name
    public var type: Name
    public var span: Span
}

/// `guards { cooldown 5 turns  max_escalations 2 }`: loop guards for the set.
public struct GuardsDecl: Sendable, Hashable {
    public var entries: [GuardEntry]
    public var span: Span
}

public enum GuardEntry: Sendable, Hashable {
    /// No escalation or handoff offer within N customer turns after a hand-back.
    case cooldown(IntLiteral, span: Span)
    /// At most N escalations in one session.
    case maxEscalations(IntLiteral, span: Span)

    public var span: Span {
        switch self {
        case .cooldown(_, let span), .maxEscalations(_, let span): span
        }
    }
}

/// `lexicon { "chargeback" -2.4 }`: sentiment valence overrides.
public struct LexiconDecl: Sendable, Hashable {
    public var entries: [LexiconEntry]
    public var span: Span
}

public struct LexiconEntry: Sendable, Hashable {
    public var phrase: StringLiteral
    public var valence: Double
    public var valenceSpan: Span
    public var span: Span
}

/// `let frustrated = avg(sentiment, last 3) <= -0.45`
public struct LetDecl: Sendable, Hashable {
    public var name: Name
    public var value: Expr
    public var span: Span
}

/// `[shadow] rule name { settings... when <expr> then <actions> }`
public struct RuleDecl: Sendable, Hashable {
    public var name: Name
    /// Span of the `shadow` modifier when present.
    public var shadow: Span?
    public var settings: [RuleSetting]
    public var condition: Expr
    public var actions: [Action]
    public var span: Span

    public var isShadow: Bool { shadow != nil }
}

public enum RuleSetting: Sendable, Hashable {
    case priority(IntLiteral, span: Span)
    case description(StringLiteral, span: Span)
    case owner(StringLiteral, span: Span)
    case tags([StringLiteral], span: Span)
    /// This rule ignores the loop guards (for example fraud).
    case bypassGuards(span: Span)

    public var span: Span {
        switch self {
        case .priority(_, let span), .description(_, let span), .owner(_, let span),
             .tags(_, let span), .bypassGuards(let span): span
        }
    }

    /// The keyword that introduces the setting.
    public var keyword: String {
        switch self {
        case .priority: "priority"
        case .description: "description"
        case .owner: "owner"
        case .tags: "tags"
        case .bypassGuards: "bypass_guards"
        }
    }
}

// MARK: - Actions

public enum Action: Sendable, Hashable {
    case escalate([ActionOption], span: Span)
    case offerHandoff([ActionOption], span: Span)
    case tag([StringLiteral], span: Span)
    case continueConversation(span: Span)

    public var span: Span {
        switch self {
        case .escalate(_, let span), .offerHandoff(_, let span), .tag(_, let span),
             .continueConversation(let span): span
        }
    }
}

public enum ActionOption: Sendable, Hashable {
    case queue(StringLiteral, span: Span)
    /// Ticket urgency: `low`, `normal`, `high` or `urgent`.
    case priority(Name, span: Span)
    case reason(Template, span: Span)
    case say(Template, span: Span)

    public var span: Span {
        switch self {
        case .queue(_, let span), .priority(_, let span), .reason(_, let span), .say(_, let span): span
        }
    }

    public var keyword: String {
        switch self {
        case .queue: "queue"
        case .priority: "priority"
        case .reason: "reason"
        case .say: "say"
        }
    }
}

/// A string with `{path.to.value}` placeholders, parsed from the literal.
public struct Template: Sendable, Hashable {
    public var literal: StringLiteral
    public var parts: [TemplatePart]
}

public enum TemplatePart: Sendable, Hashable {
    case text(String)
    case placeholder([Name], span: Span)
}
