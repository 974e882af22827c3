/// Why a pattern was rejected, and where.
///
/// `offset` and `length` are UTF-8 byte offsets into the pattern source, so a
/// caller can underline the exact spot. Messages follow the house style:
/// lowercase, no final period, pattern text in backticks.
public struct PatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The human-readable reason, e.g. "unknown escape `\q`".
    public var message: String
    /// UTF-8 byte offset of the offending text in the pattern source.
    public var offset: Int
    /// UTF-8 byte length of the offending text (0 for a position).
    public var length: Int

    /// Creates an error.
    public init(message: String, offset: Int, length: Int) {
        self.message = message
        self.offset = offset
        self.length = length
    }

    public var description: String { "\(message) (at byte \(offset), length \(length))" }
}
