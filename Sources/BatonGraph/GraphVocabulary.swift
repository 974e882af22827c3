/// The closed vocabularies of the decision graph. The graph has its own
/// enums (rather than the checker's) so that the runtime depends on nothing
/// but `BatonCore` and this module.

/// Values measured on each customer turn.
public enum TurnSignal: String, Sendable, Hashable, Codable, CaseIterable {
    case intent
    case confidence
    case sentiment
    case message
    case turnCount = "turn_count"
}

/// The value fields of one API's result in the current turn.
public enum APIValueField: String, Sendable, Hashable, Codable, CaseIterable {
    case status
    case errorCode = "error_code"
    case httpStatus = "http_status"
}

/// Classes of API failure, for `api_error is 5xx` and friends.
public enum FailureClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// Any failure: a timeout, an error code or an HTTP status of 400 or more.
    case any = "error"
    case clientError = "4xx"
    case serverError = "5xx"
    case timeout
}

/// Comparison operators.
public enum Relation: String, Sendable, Hashable, Codable, CaseIterable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="

    /// Whether `lhs relation rhs` holds for two numbers.
    @inlinable
    public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
        switch self {
        case .equal: lhs == rhs
        case .notEqual: lhs != rhs
        case .less: lhs < rhs
        case .lessEqual: lhs <= rhs
        case .greater: lhs > rhs
        case .greaterEqual: lhs >= rhs
        }
    }

    /// How the relation reads in an explanation ("at most", "below").
    public var phrase: String {
        switch self {
        case .equal: "equal to"
        case .notEqual: "not equal to"
        case .less: "below"
        case .lessEqual: "at most"
        case .greater: "above"
        case .greaterEqual: "at least"
        }
    }
}

/// Aggregates over the last N customer turns.
public enum WindowAggregate: String, Sendable, Hashable, Codable, CaseIterable {
    case avg, min, max, sum, trend, count, consecutive
}

/// How expensive a test is to evaluate, in the compiler's cost model.
/// `and`/`or` evaluate cheaper children first so that expensive ones are
/// skipped when a cheap one already decides the result.
public enum CostClass: UInt8, Sendable, Hashable, Codable, Comparable, CaseIterable {
    case constant = 0
    case signal
    case metadata
    case setLookup
    case window
    case phrase
    case pattern
    case sentiment

    public static func < (lhs: CostClass, rhs: CostClass) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Turn features a test needs; the runtime computes each one at most once
/// per event and only when a visited test asks for it.
public struct FeatureSet: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The VADER compound score of the customer's message.
    public static let sentiment = FeatureSet(rawValue: 1 << 0)
    /// The folded customer message (phrases and patterns).
    public static let foldedMessage = FeatureSet(rawValue: 1 << 1)
    /// The raw message text (`message == "..."`, `{message}`).
    public static let messageText = FeatureSet(rawValue: 1 << 2)
    /// API results and tool calls, which later events of a turn can change.
    public static let turnResults = FeatureSet(rawValue: 1 << 3)
}
