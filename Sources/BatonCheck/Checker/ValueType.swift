/// The static type of a checked expression.
public enum ValueType: String, Sendable, Hashable, Codable {
    case bool
    case number
    case string
    /// An intent name; compared with names from the schema.
    case intent
    /// Whether an API call failed, and how: usable as a `bool`, and with `is 5xx`.
    case apiError = "api error"
    /// A list of values (metadata lists, set literals).
    case list

    /// By case, not by raw string (see `Hasher.combineCase`).
    public func hash(into hasher: inout Hasher) { hasher.combineCase(self) }

    /// Where a condition is expected, error flags count as booleans.
    var isBoolean: Bool { self == .bool || self == .apiError }

    /// How the type reads in a message.
    var spelled: String {
        switch self {
        case .bool: "a condition"
        case .number: "a number"
        case .string: "a string"
        case .intent: "an intent"
        case .apiError: "an API error"
        case .list: "a list"
        }
    }
}
