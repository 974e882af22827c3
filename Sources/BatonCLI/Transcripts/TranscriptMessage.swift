import BatonCore

/// Every problem the transcript and test-file readers report, with its
/// stable code (`E0300`–`E0339`). Kept in one place so codes stay unique
/// and the wording follows the house style: lowercase, no final period,
/// user input in backticks.
enum TranscriptMessage {
    case unreadable(String)
    case tooLarge(limit: Int)
    case notUTF8
    case yamlSyntax(String)
    case jsonSyntax(String)
    case wrongType(field: String, expected: String, found: String)
    case missingField(String)
    case unknownField(String, context: String)
    case outOfRange(field: String, range: String, found: String)
    case unknownRole(String)
    case conflictingRoles(String, String)
    case tooManyEvents(limit: Int)
    case empty
    case valueTooDeep
    case duplicateKey(String)
    case tooManyErrors(Int)
    // Test files.
    case unknownExpectation(String)
    case turnOutOfRange(turn: Int, count: Int)
    case unknownRule(String)
    case unknownOutcome(String)
    case unknownGuard(String)
    case noExpectations

    var code: String {
        switch self {
        case .unreadable, .tooLarge, .notUTF8: "E0300"
        case .yamlSyntax: "E0301"
        case .jsonSyntax: "E0302"
        case .wrongType: "E0303"
        case .missingField: "E0304"
        case .unknownField: "E0305"
        case .outOfRange: "E0306"
        case .unknownRole, .conflictingRoles: "E0307"
        case .tooManyEvents: "E0308"
        case .empty: "E0309"
        case .valueTooDeep: "E0310"
        case .duplicateKey: "E0311"
        case .tooManyErrors: "E0312"
        case .unknownExpectation: "E0320"
        case .turnOutOfRange: "E0321"
        case .unknownRule: "E0322"
        case .unknownOutcome: "E0323"
        case .unknownGuard: "E0324"
        case .noExpectations: "E0325"
        }
    }

    var message: String {
        switch self {
        case .unreadable(let reason): reason
        case .tooLarge(let limit): "file is larger than \(limit / 1024 / 1024) MB"
        case .notUTF8: "file is not valid UTF-8"
        case .yamlSyntax(let problem): "invalid YAML: \(problem)"
        case .jsonSyntax(let problem): "invalid JSON: \(problem)"
        case .wrongType(let field, let expected, let found): "`\(field)` must be \(expected), found \(found)"
        case .missingField(let field): "missing `\(field)`"
        case .unknownField(let field, let context): "unknown field `\(field)` in \(context)"
        case .outOfRange(let field, let range, let found): "`\(field)` must be \(range), found \(found)"
        case .unknownRole(let role): "unknown role `\(role)`"
        case .conflictingRoles(let first, let second): "a turn has one role, found `\(first)` and `\(second)`"
        case .tooManyEvents(let limit): "conversation has more than \(limit) turns"
        case .empty: "no turns in this conversation"
        case .valueTooDeep: "value is nested too deeply or has too many elements"
        case .duplicateKey(let key): "duplicate key `\(key)`"
        case .tooManyErrors(let more): "\(more) more errors not shown"
        case .unknownExpectation(let key): "unknown expectation `\(key)`"
        case .turnOutOfRange(let turn, let count): "turn \(turn) is outside the conversation (turns 1 to \(count))"
        case .unknownRule(let name): "no rule named `\(name)` in the rule set"
        case .unknownOutcome(let value): "unknown outcome `\(value)`"
        case .unknownGuard(let value): "unknown loop guard `\(value)`"
        case .noExpectations: "test has no expectations"
        }
    }

    /// A diagnostic at `range` of `path`.
    func diagnostic(path: String, range: SourceRange, help: String? = nil) -> Diagnostic {
        Diagnostic(code: code, severity: .error, message: message, path: path, range: range, help: help)
    }
}
