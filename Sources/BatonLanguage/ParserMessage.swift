/// The parser's messages, with their stable codes.
enum ParserMessage {
    case expected(String, found: String)
    case expectedItem(found: String)
    case unknownSchemaEntry(String)
    case unknownRuleSetting(String)
    case unknownAction(String)
    case nestingTooDeep(Int)
    case chainTooLong(Int)
    case unclosedPlaceholder
    case unopenedPlaceholder
    case emptyPlaceholderSegment
    case invalidPlaceholder

    var code: String {
        switch self {
        case .expected: "E0100"
        case .expectedItem: "E0101"
        case .nestingTooDeep, .chainTooLong: "E0102"
        case .unknownSchemaEntry: "E0103"
        case .unknownRuleSetting: "E0104"
        case .unknownAction: "E0105"
        case .unclosedPlaceholder, .unopenedPlaceholder, .emptyPlaceholderSegment, .invalidPlaceholder: "E0107"
        }
    }

    var text: String {
        switch self {
        case .expected(let what, let found): "expected \(what), found \(found)"
        case .expectedItem(let found): "expected `rule`, `let`, `schema`, `import`, `guards` or `lexicon`, found \(found)"
        case .unknownSchemaEntry(let word): "unknown schema entry `\(word)`"
        case .unknownRuleSetting(let word): "unknown rule setting `\(word)`"
        case .unknownAction(let word): "unknown action `\(word)`"
        case .nestingTooDeep(let limit): "condition nests deeper than \(limit) levels"
        case .chainTooLong(let limit): "condition chains more than \(limit) tests with one operator"
        case .unclosedPlaceholder: "unclosed `{` in template"
        case .unopenedPlaceholder: "`}` without a matching `{` in template"
        case .emptyPlaceholderSegment: "empty name in template placeholder"
        case .invalidPlaceholder: "invalid template placeholder"
        }
    }
}
