/// Every message the checker raises, with its stable code. Kept in one
/// place so the codes stay unique and the wording consistent.
enum CheckerMessage {
    case unknownName(String)
    case unknownIntent(String)
    case unknownAPI(String)
    case unknownAPIField(api: String, field: String)
    case unknownMetadata(String)
    case unknownTool(String)
    case unknownPath(String)
    case typeMismatch(expected: String, found: String)
    case cannotCompare(String, String)
    case outOfRange(what: String, range: String)
    case duplicateRule(String)
    case duplicateLet(String)
    case letCycle(String)
    case windowSize(min: Int, max: Int)
    case invalidPattern(String)
    case unknownPlaceholder(String)
    case unknownStatus(api: String, status: String)
    case unknownFunction(String)
    case wrongArguments(String)
    case duplicateSetting(String)
    case conflictingOutcomes
    case unknownUrgency(String)
    case importFailed(String, reason: String)
    case importCycle(String)
    case duplicateGuards
    case invalidGuard(String)
    case lexiconValence
    case emptyPhrase
    case duplicateDeclaration(kind: String, name: String)
    case reservedName(String)
    case unknownErrorClass(String)
    case notACondition(found: String)
    case notPerTurn(String)
    case undeclaredStatuses(String)
    case unknownFieldType(String)
    case duplicateOption(String)

    var code: String {
        switch self {
        case .unknownName: "E0200"
        case .unknownIntent: "E0201"
        case .unknownAPI, .unknownAPIField: "E0202"
        case .unknownMetadata: "E0203"
        case .unknownTool: "E0204"
        case .unknownPath: "E0200"
        case .typeMismatch, .cannotCompare: "E0205"
        case .outOfRange: "E0206"
        case .duplicateRule: "E0207"
        case .duplicateLet, .letCycle: "E0208"
        case .windowSize: "E0209"
        case .invalidPattern: "E0210"
        case .unknownPlaceholder: "E0211"
        case .unknownStatus, .undeclaredStatuses: "E0212"
        case .unknownFunction, .wrongArguments: "E0213"
        case .duplicateSetting, .conflictingOutcomes, .duplicateOption: "E0215"
        case .unknownUrgency: "E0217"
        case .importFailed, .importCycle: "E0219"
        case .duplicateGuards, .invalidGuard: "E0220"
        case .lexiconValence, .emptyPhrase: "E0221"
        case .duplicateDeclaration, .unknownFieldType: "E0222"
        case .reservedName: "E0223"
        case .unknownErrorClass: "E0224"
        case .notACondition: "E0225"
        case .notPerTurn: "E0226"
        }
    }

    var text: String {
        switch self {
        case .unknownName(let name): "unknown name `\(name)`"
        case .unknownIntent(let name): "unknown intent `\(name)`"
        case .unknownAPI(let name): "unknown API `\(name)`"
        case .unknownAPIField(let api, let field): "API `\(api)` has no field `\(field)`"
        case .unknownMetadata(let name): "unknown metadata field `\(name)`"
        case .unknownTool(let name): "unknown tool `\(name)`"
        case .unknownPath(let path): "unknown value `\(path)`"
        case .typeMismatch(let expected, let found): "expected \(expected), found \(found)"
        case .cannotCompare(let left, let right): "cannot compare \(left) with \(right)"
        case .outOfRange(let what, let range): "\(what) is always between \(range)"
        case .duplicateRule(let name): "rule `\(name)` is defined twice"
        case .duplicateLet(let name): "`let \(name)` is defined twice"
        case .letCycle(let name): "`let \(name)` refers to itself"
        case .windowSize(let min, let max): "window must cover \(min) to \(max) turns"
        case .invalidPattern(let message): "invalid pattern: \(message)"
        case .unknownPlaceholder(let path): "unknown placeholder `{\(path)}`"
        case .unknownStatus(let api, let status): "API `\(api)` does not report status `\(status)`"
        case .undeclaredStatuses(let api): "API `\(api)` has no declared statuses"
        case .unknownFunction(let name): "unknown function `\(name)`"
        case .wrongArguments(let message): message
        case .duplicateSetting(let keyword): "`\(keyword)` is set twice"
        case .duplicateOption(let keyword): "`\(keyword)` is given twice"
        case .conflictingOutcomes: "a rule may have only one of `escalate`, `offer_handoff` and `continue`"
        case .unknownUrgency(let word): "unknown priority `\(word)`"
        case .importFailed(let path, let reason): "cannot import `\(path)`: \(reason)"
        case .importCycle(let path): "`\(path)` imports itself"
        case .duplicateGuards: "a rule set may have only one `guards` block"
        case .invalidGuard(let message): message
        case .lexiconValence: "valence must be between -4 and 4"
        case .emptyPhrase: "empty phrase"
        case .duplicateDeclaration(let kind, let name): "\(kind) `\(name)` is declared twice"
        case .reservedName(let name): "`\(name)` is a reserved word"
        case .unknownErrorClass(let name): "unknown error class `\(name)`"
        case .notACondition(let found): "expected a condition, found \(found)"
        case .notPerTurn(let what): "\(what) cannot be measured per turn"
        case .unknownFieldType(let name): "unknown type `\(name)`"
        }
    }
}
