/// A required factor's first eight folded bytes as one word, so a candidate
/// position is tested with one load and compare instead of a byte loop.
struct ASCIIFactor: Hashable, Sendable {
    /// The folded bytes, little-endian, zero past the factor's end.
    let prefix: UInt64
    /// 0xFF in the lanes the factor fills.
    let mask: UInt64
    /// 0x20 in the lanes holding a letter: setting it lowers an upper-case
    /// text byte to the folded one.
    let lower: UInt64
    /// The factor's length in scalars (bytes, since all are ASCII).
    let count: Int
    /// Index into `RequiredFactors.factors`, for the bytes past the eighth.
    let index: Int

    /// One entry per factor, or nil when a factor is not all ASCII or when
    /// lowering does not give exactly the fold of every ASCII byte for a
    /// lane's scalar (then the byte loop is the only test).
    static func table(_ factors: [[UInt32]], fold: [UInt32]) -> [ASCIIFactor]? {
        var table: [ASCIIFactor] = []
        for (index, factor) in factors.enumerated() {
            var prefix: UInt64 = 0, mask: UInt64 = 0, lower: UInt64 = 0
            for (lane, scalar) in factor.prefix(8).enumerated() {
                guard scalar < 0x80 else { return nil }
                let letter = (0x61...0x7A).contains(scalar)
                // Every ASCII byte must pass the lane test exactly when it folds to `scalar`.
                for byte in 0..<UInt32(128) {
                    let lowered = letter ? byte | 0x20 : byte
                    guard (lowered == scalar) == (fold[Int(byte)] == scalar) else { return nil }
                }
                let shift = UInt64(lane * 8)
                prefix |= UInt64(scalar) << shift
                mask |= 0xFF << shift
                if letter { lower |= 0x20 << shift }
            }
            table.append(ASCIIFactor(prefix: prefix, mask: mask, lower: lower, count: factor.count, index: index))
        }
        return table
    }

    /// Whether the eight bytes at `word` (little-endian) start with this
    /// factor's prefix; a byte of 0x80 or above never matches.
    @inline(__always)
    func prefixMatches(_ word: UInt64) -> Bool { (word | lower) & mask == prefix }
}
