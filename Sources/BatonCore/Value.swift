/// A runtime value: what metadata fields, API fields and literals hold.
/// One enum instead of `Any`, so every consumer switches exhaustively.
public enum Value: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([Value])

    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): Value.format(value)
        case .string(let value): value
        case .list(let values): "[" + values.map(\.quotedDescription).joined(separator: ", ") + "]"
        }
    }

    /// Strings in quotes, everything else as `description`; for traces.
    public var quotedDescription: String {
        if case .string(let value) = self { return "\"\(value)\"" }
        return description
    }

    /// Integers without a fractional part, others with up to 4 decimals.
    public static func format(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "nan" : (number > 0 ? "inf" : "-inf") }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        var text = String((number * 10_000).rounded() / 10_000)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([Value].self) {
            self = .list(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a string, number, boolean, list or null"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .list(let values): try container.encode(values)
        }
    }
}
