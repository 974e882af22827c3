public import BatonCore

/// A node's source range that never takes part in `==` or hashing, so two
/// trees that differ only in layout compare equal (the formatter relies on it).
public struct Span: Sendable, Hashable, CustomStringConvertible {
    public var range: SourceRange

    public init(_ range: SourceRange) {
        self.range = range
    }

    public init(start: Int, end: Int) {
        self.range = SourceRange(start: start, end: end)
    }

    public static func == (lhs: Span, rhs: Span) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}

    public func union(_ other: Span) -> Span { Span(range.union(other.range)) }
    public var description: String { "\(range.start)..<\(range.end)" }
}
