public import BatonCore
public import BatonPattern

/// A resolved, typed condition: no raw names are left, every reference
/// points at a signal, a metadata field, an API field or a `let`.
/// The compiler lowers this; nothing downstream re-reads rule text.
public struct CheckedExpr: Sendable, Hashable {
    public let kind: Kind
    public let type: ValueType
    /// Where it was written; ignored by `==` so equal conditions compare equal.
    public let location: Location
    /// Structural hash, computed once from the children's own cached hashes
    /// (`StructuralHasher`), so hashing a tree (the linter and compiler key
    /// maps by conditions) costs O(1) instead of a walk. Equal trees have
    /// equal hashes.
    let structuralHash: Int
    /// What occurs in the tree, also computed once from the children, so
    /// lint walks skip the (many) subtrees that hold nothing they look for.
    let traits: Traits

    public init(_ kind: Kind, type: ValueType, location: Location) {
        self.kind = kind
        self.type = type
        self.location = location
        var hasher = StructuralHasher()
        kind.combine(into: &hasher)
        hasher.combineCase(type)
        self.structuralHash = hasher.value
        self.traits = kind.traits
    }

    public static func == (lhs: CheckedExpr, rhs: CheckedExpr) -> Bool {
        lhs.structuralHash == rhs.structuralHash && lhs.type == rhs.type && lhs.kind == rhs.kind
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(structuralHash)
    }

    /// Only the cases that hold other expressions are boxed: a leaf (a
    /// constant, a signal, a field) sits inline in its parent, which saves
    /// an allocation per leaf and a pointer chase when trees are compared.
    public enum Kind: Sendable, Hashable {
        case constant(Value)
        /// A per-turn signal of the latest customer turn.
        case signal(Signal)
        case metadata(field: String, type: FieldType)
        case api(name: String, field: APIField)
        /// Any API call in the current turn failed.
        case anyAPIError
        /// The `summary` argument of this turn's `escalate_to_human` call.
        case toolSummary
        case toolCalled(String)
        indirect case not(CheckedExpr)
        indirect case and(CheckedExpr, CheckedExpr)
        indirect case or(CheckedExpr, CheckedExpr)
        indirect case negate(CheckedExpr)
        indirect case compare(Comparison, CheckedExpr, CheckedExpr)
        indirect case member(CheckedExpr, of: [Value], negated: Bool)
        indirect case matches(CheckedExpr, Pattern, source: String)
        indirect case contains(CheckedExpr, phrases: [String])
        indirect case exists(CheckedExpr)
        /// `api_error is 5xx`; the operand has type `.apiError`.
        indirect case errorIs(CheckedExpr, ErrorClass)
        /// `api.orders.status is unknown`: a status outside the declared list.
        indirect case statusUnknown(api: String, known: [String])
        indirect case window(WindowFunction, CheckedExpr, turns: Int)
        case intentWas([String], withinTurns: Int?)
        /// A named condition; kept so traces can name it.
        indirect case letReference(String, CheckedExpr)
    }

    /// File and byte range of the expression, for traces and diagnostics.
    public struct Location: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var range: SourceRange

        public init(path: String, range: SourceRange) {
            self.path = path
            self.range = range
        }

        public static func == (lhs: Location, rhs: Location) -> Bool { true }
        public func hash(into hasher: inout Hasher) {}
        public var description: String { "\(path)@\(range.start)" }
    }
}

/// Signals measured on each customer turn.
public enum Signal: String, Sendable, Hashable, Codable, CaseIterable {
    /// The top intent of the latest customer turn.
    case intent
    /// The confidence of that top intent, 0 to 1.
    case confidence
    /// VADER compound score of the customer's message, -1 to 1.
    case sentiment
    /// The customer's message text.
    case message
    /// Customer turns so far in the session, counting this one.
    case turnCount = "turn_count"
}

public enum APIField: String, Sendable, Hashable, Codable, CaseIterable {
    case status
    case error
    case errorCode = "error_code"
    case httpStatus = "http_status"

    var type: ValueType {
        switch self {
        case .status, .errorCode: .string
        case .error: .apiError
        case .httpStatus: .number
        }
    }
}

/// Classes of API failure for `is`.
public enum ErrorClass: String, Sendable, Hashable, Codable, CaseIterable {
    case any = "error"
    case clientError = "4xx"
    case serverError = "5xx"
    case timeout
}

public enum Comparison: String, Sendable, Hashable, Codable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
}

/// Aggregates over the last N customer turns.
public enum WindowFunction: String, Sendable, Hashable, Codable, CaseIterable {
    case avg, min, max, sum, trend, count, consecutive

    /// Whether the argument is a per-turn condition (else a per-turn number).
    var takesCondition: Bool { self == .count || self == .consecutive }
}

// Raw-valued enums otherwise take `RawRepresentable`'s hashing, which hashes
// the raw string; every checked node hashes its kind, so these hash their
// case instead.
extension Signal {
    public func hash(into hasher: inout Hasher) { hasher.combineCase(self) }
}

extension APIField {
    public func hash(into hasher: inout Hasher) { hasher.combineCase(self) }
}

extension ErrorClass {
    public func hash(into hasher: inout Hasher) { hasher.combineCase(self) }
}

extension Comparison {
    public func hash(into hasher: inout Hasher) { hasher.combineCase(self) }
}

extension WindowFunction {
    public func hash(into hasher: inout Hasher) { hasher.combineCase(self) }
}

extension Hasher {
    /// Feeds in which case a payload-free enum holds: its one-byte tag.
    mutating func combineCase<Case>(_ value: Case) {
        precondition(MemoryLayout<Case>.size == 1, "not a payload-free enum")
        withUnsafeBytes(of: value) { combine($0[0]) }
    }
}

extension Signal {
    /// `Signal(rawValue:)`, which is asked of every bare name, with the
    /// length picking the one candidate to compare.
    init?(spelling text: String) {
        let candidate: Signal? = switch text.utf8.count {
        case 6: .intent
        case 7: .message
        case 9: .sentiment
        case 10: text.utf8.first == UInt8(ascii: "c") ? .confidence : .turnCount
        default: nil
        }
        guard let candidate, candidate.rawValue == text else { return nil }
        self = candidate
    }
}
