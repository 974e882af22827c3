// The compiled form of a pattern: a Thompson NFA as a flat instruction list,
// run by `PikeVM`. Immutable after compilation.

enum Opcode: UInt8, Sendable {
    /// Consume the scalar `x`.
    case scalar
    /// Consume any scalar.
    case any
    /// Consume a scalar in `classes[x]`.
    case charClass
    /// Continue at `x` (preferred) and at `y`.
    case split
    /// Continue at `x`.
    case jump
    case assertStart, assertEnd, wordBoundary, notWordBoundary
    case match
}

struct Instruction: Hashable, Sendable {
    var opcode: Opcode
    var x: Int32 = 0
    var y: Int32 = 0
}

struct Program: Sendable {
    var instructions: [Instruction] = []
    var classes: [CompiledClass] = []
    /// Matches can only start at offset 0.
    var anchoredAtStart = false
    /// If every match starts with one of these few scalars, the VM skips
    /// ahead to them while no thread is alive.
    var firstScalars: [UInt32]? = nil
    /// If every match contains one of a few literals, a text with none of
    /// them is rejected before the VM runs.
    var requiredFactors: RequiredFactors? = nil
}

/// A folded character class, tested against one packed folded scalar.
struct CompiledClass: Hashable, Sendable {
    /// Membership of ASCII scalars, after negation.
    var asciiLow: UInt64 = 0
    var asciiHigh: UInt64 = 0
    /// Sorted, disjoint, inclusive bounds: `[low0, high0, low1, high1, …]`.
    var bounds: [UInt32] = []
    var builtins: BuiltinClasses = []
    var negated = false

    init(ranges: [ClosedRange<UInt32>], builtins: BuiltinClasses, negated: Bool) {
        var sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        sorted = merged
        bounds = sorted.flatMap { [$0.lowerBound, $0.upperBound] }
        self.builtins = builtins
        self.negated = negated
        for value in UInt32(0)..<128 where containsSlow(FoldTable.pack(value)) {
            if value < 64 { asciiLow |= 1 << UInt64(value) } else { asciiHigh |= 1 << UInt64(value - 64) }
        }
    }

    @inline(__always)
    func contains(_ packed: UInt32) -> Bool {
        let value = packed & Packed.scalarMask
        if value < 64 { return asciiLow >> UInt64(value) & 1 != 0 }
        if value < 128 { return asciiHigh >> UInt64(value - 64) & 1 != 0 }
        return containsSlow(packed)
    }

    private func containsSlow(_ packed: UInt32) -> Bool {
        let value = packed & Packed.scalarMask
        var found = false
        // Binary search for the last low bound <= value.
        var low = 0, high = bounds.count / 2
        while low < high {
            let mid = (low + high) / 2
            if bounds[2 * mid] <= value { low = mid + 1 } else { high = mid }
        }
        if low > 0, value <= bounds[2 * (low - 1) + 1] { found = true }
        if !found, !builtins.isEmpty { found = Self.matchesBuiltins(builtins, packed) }
        return found != negated
    }

    static func matchesBuiltins(_ builtins: BuiltinClasses, _ packed: UInt32) -> Bool {
        let isWord = packed & Packed.wordBit != 0
        if builtins.contains(.word), isWord { return true }
        if builtins.contains(.notWord), !isWord { return true }
        let value = packed & Packed.scalarMask
        if builtins.contains(.digit) || builtins.contains(.notDigit) {
            let isDigit = isDecimalDigit(value)
            if builtins.contains(.digit), isDigit { return true }
            if builtins.contains(.notDigit), !isDigit { return true }
        }
        if builtins.contains(.space) || builtins.contains(.notSpace) {
            let isSpace = isWhitespace(value)
            if builtins.contains(.space), isSpace { return true }
            if builtins.contains(.notSpace), !isSpace { return true }
        }
        return false
    }

    /// `\d`: Unicode decimal digits (general category Nd).
    static func isDecimalDigit(_ value: UInt32) -> Bool {
        if value < 0x80 { return (0x30...0x39).contains(value) }
        return Unicode.Scalar(value)?.properties.generalCategory == .decimalNumber
    }

    /// `\s`: Unicode White_Space.
    static func isWhitespace(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        return Unicode.Scalar(value)?.properties.isWhitespace ?? false
    }
}
