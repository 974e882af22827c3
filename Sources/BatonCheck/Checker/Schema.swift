import BatonCore

/// The names a rule set may use, gathered from its `schema` blocks.
public struct Schema: Sendable, Hashable {
    public var intents: Set<String> = []
    /// API name → the statuses it is known to report (nil: not declared).
    public var apis: [String: Set<String>?] = [:]
    public var tools: Set<String> = [Schema.escalationTool]
    public var metadata: [String: FieldType] = [:]

    /// The tool Baton gives the LLM to hand a chat over itself.
    public static let escalationTool = "escalate_to_human"

    public init() {}

    public var isEmpty: Bool { intents.isEmpty && apis.isEmpty && metadata.isEmpty && tools.count <= 1 }
}

/// The declared type of a metadata field.
public enum FieldType: String, Sendable, Hashable, Codable, CaseIterable {
    case string
    case number
    case bool
    case list

    /// By case, not by raw string (see `Hasher.combineCase`).
    public func hash(into hasher: inout Hasher) { hasher.combineCase(self) }

    var valueType: ValueType {
        switch self {
        case .string: .string
        case .number: .number
        case .bool: .bool
        case .list: .list
        }
    }
}
