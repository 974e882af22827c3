import BatonCore

/// A decision test file: conversations and what the rules must decide on
/// them. The format is documented in `docs/testing.md`.
struct TestFile: Sendable {
    var path: String
    var name: String?
    var cases: [TestCase]
    /// The file's text, for caret excerpts in failures.
    var source: SourceFile
}

/// One test: a conversation (inline or from a transcript file) and its
/// expectations, or the number of errors the conversation must produce.
struct TestCase: Sendable {
    var name: String
    /// 1-based line of the test in its file.
    var line: Int
    /// The conversation to replay; nil when it failed to load.
    var conversation: Transcript?
    /// Problems found while reading the conversation. Expected when
    /// `expectedErrors` is set, otherwise they fail the test.
    var conversationErrors: [Diagnostic]
    /// The source the conversation errors point into (the test file itself
    /// or the referenced transcript).
    var conversationSource: SourceFile?
    /// `errors: N`: the conversation must fail to load with exactly N errors.
    var expectedErrors: Int?
    var expectations: [Expectation]
}

/// One expectation and the line it was written on.
struct Expectation: Sendable {
    enum Kind: Sendable {
        /// Checks on the decision of one or more turns.
        case at([TurnSelector], TurnChecks)
        /// No turn of the conversation ends with this outcome.
        case never(Decision.Outcome)
        /// The rule never fires on any turn (acting, shadow or held back).
        case neverFires(String)
    }

    var kind: Kind
    var line: Int
}

/// Which turn an expectation is about: a 1-based event number, or the last one.
enum TurnSelector: Sendable, Hashable, CustomStringConvertible {
    case number(Int)
    case last

    func resolve(count: Int) -> Int { if case .number(let n) = self { n } else { count } }

    var description: String { if case .number(let n) = self { "turn \(n)" } else { "the last turn" } }
}

/// What a turn's decision must show; nil or empty means "not checked".
struct TurnChecks: Sendable, Hashable {
    var outcome: Decision.Outcome?
    /// `.some(nil)` (written `rule: none`) means no rule decided the turn.
    var rule: String??
    var queue: String?
    var urgency: String?
    var reasonContains: String?
    var messageContains: String?
    var tagsInclude: [String] = []
    var fired: [String] = []
    var shadowFired: [String] = []
    var heldBack: [String] = []
    var heldBackBy: GuardHold.Guard?

    /// Every rule name the checks mention, for validation against the rule set.
    var ruleNames: [String] {
        var names = fired + shadowFired + heldBack
        if case .some(.some(let name)) = rule { names.append(name) }
        return names
    }
}
