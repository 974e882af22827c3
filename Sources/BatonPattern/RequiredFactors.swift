// A necessary condition for a match, cheap to test before running the VM:
// every match contains one of a few folded literal strings ("factors").
// `(charged|billed) (twice|two times)` requires `charged` or `billed`, so a
// message with neither is rejected by a substring scan, without the VM.
// Most messages match no pattern, so this is the common path.

/// Folded literal strings, one of which occurs in every match. A class:
/// a pattern's copy retains it once rather than each of its buffers.
final class RequiredFactors: Hashable, Sendable {
    /// Non-empty folded scalar strings.
    let factors: [[UInt32]]
    /// The distinct first scalars of `factors`.
    private let firsts: [UInt32]
    /// Bit `b` set when ASCII byte `b` folds to a first scalar.
    private let firstBytesLow: UInt64
    private let firstBytesHigh: UInt64
    /// Up to four first bytes, lowered (`| 0x20`) and repeated in every byte
    /// lane, for testing eight text bytes at once; nil when the first
    /// scalars need more, or when a byte folding to one is not caught by
    /// comparing lowered bytes (the per-byte scan is then the only one).
    private let lanes: (UInt64, UInt64, UInt64, UInt64)?
    /// The factors' first eight bytes as words, when every factor is ASCII.
    private let asciiFactors: [ASCIIFactor]?

    init(factors: [[UInt32]]) {
        self.factors = factors
        var firsts: [UInt32] = []
        for factor in factors where !firsts.contains(factor[0]) { firsts.append(factor[0]) }
        self.firsts = firsts
        var low: UInt64 = 0, high: UInt64 = 0
        for (byte, scalar) in FoldTable.shared.asciiScalars.enumerated() where firsts.contains(scalar) {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        firstBytesLow = low
        firstBytesHigh = high
        lanes = Self.lanes(firsts: firsts)
        asciiFactors = ASCIIFactor.table(factors, fold: FoldTable.shared.asciiScalars)
    }

    private static func lanes(firsts: [UInt32]) -> (UInt64, UInt64, UInt64, UInt64)? {
        var lowered: [UInt8] = []
        for (byte, scalar) in FoldTable.shared.asciiScalars.enumerated() where firsts.contains(scalar) {
            let value = UInt8(byte) | 0x20
            if !lowered.contains(value) { lowered.append(value) }
        }
        // Every byte that folds to a first scalar lowers to one of `lowered`,
        // so a lane test misses none; extra candidates are checked in full.
        guard !lowered.isEmpty, lowered.count <= 4 else { return nil }
        let spread = lowered.map { UInt64($0) &* 0x0101_0101_0101_0101 }
        return (spread[0], spread[min(1, spread.count - 1)], spread[min(2, spread.count - 1)], spread[min(3, spread.count - 1)])
    }

    // Everything else is derived from the factors.
    static func == (lhs: RequiredFactors, rhs: RequiredFactors) -> Bool { lhs.factors == rhs.factors }
    func hash(into hasher: inout Hasher) { hasher.combine(factors) }

    /// The factors of `root`, or nil when no useful set exists (`\w+`, `.{3}`).
    static func of(_ root: PatternNode) -> RequiredFactors? {
        guard let best = Analysis(root).best else { return nil }
        return RequiredFactors(factors: best)
    }

    /// Whether some factor occurs in `text` (folded scalars; the word bit is
    /// ignored). One pass: only positions holding a first scalar are compared further.
    func occurs(in text: UnsafeBufferPointer<UInt32>) -> Bool {
        occurs(count: text.count) { text[$0] & Packed.scalarMask }
    }

    /// As `occurs(in:)` over UTF-8 text that is all ASCII, which folds one
    /// byte to one scalar, so no folded copy is made; nil when `text` is not ASCII.
    func occurs(inASCII text: UnsafeBufferPointer<UInt8>) -> Bool? {
        // The prefix words are read through one buffer for the whole pass,
        // not through the property (a retain and release per candidate).
        guard let asciiFactors else { return occurs(inASCII: text, prefixes: nil) }
        return asciiFactors.withUnsafeBufferPointer { occurs(inASCII: text, prefixes: $0) }
    }

    @inline(__always)
    private func occurs(inASCII text: UnsafeBufferPointer<UInt8>, prefixes: UnsafeBufferPointer<ASCIIFactor>?) -> Bool? {
        var start = 0
        if let lanes, let base = text.baseAddress {
            // Eight bytes at a time; only words with a possible first byte
            // go through the per-byte test.
            let sevens: UInt64 = 0x7F7F_7F7F_7F7F_7F7F, highs: UInt64 = 0x8080_8080_8080_8080
            while start + 8 <= text.count {
                let word = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: start, as: UInt64.self)
                if word & highs != 0 { break }  // non-ASCII: the per-byte scan decides
                let lowered = word | 0x2020_2020_2020_2020
                let a = lowered ^ lanes.0, b = lowered ^ lanes.1, c = lowered ^ lanes.2, d = lowered ^ lanes.3
                // Lanes below 0x80 carry into their high bit unless zero: the
                // high bits left clear mark exactly the candidate positions.
                var candidates = ~((a &+ sevens) & (b &+ sevens) & (c &+ sevens) & (d &+ sevens)) & highs
                while candidates != 0 {
                    if factorStarts(at: start + candidates.trailingZeroBitCount >> 3, in: text, prefixes: prefixes) { return true }
                    candidates &= candidates &- 1
                }
                start += 8
            }
        }
        for position in start..<text.count {
            // A non-ASCII scalar may fold to ASCII (`é` → `e`): undecided.
            guard text[position] < 0x80 else { return nil }
            if factorStarts(at: position, in: text, prefixes: prefixes) { return true }
        }
        return false
    }

    /// Whether a factor starts at ASCII byte `start` of `text`.
    @inline(__always)
    private func factorStarts(at start: Int, in text: UnsafeBufferPointer<UInt8>, prefixes: UnsafeBufferPointer<ASCIIFactor>?) -> Bool {
        if let prefixes, start + 8 <= text.count {
            let word = UnsafeRawPointer(text.baseAddress!).loadUnaligned(fromByteOffset: start, as: UInt64.self)
            for factor in prefixes where factor.prefixMatches(word) {
                if factor.count <= 8 { return true }
                if factor.count <= text.count - start, matches(factors[factor.index], at: start, from: 8, in: text) { return true }
            }
            return false
        }
        let byte = text[start]
        let word = byte < 64 ? firstBytesLow : firstBytesHigh
        guard (word >> UInt64(byte & 63)) & 1 != 0 else { return false }
        let fold = FoldTable.shared.asciiScalars
        for factor in factors where factor[0] == fold[Int(byte)] && factor.count <= text.count - start {
            if matches(factor, at: start, from: 1, in: text) { return true }
        }
        return false
    }

    /// Whether `factor`, known to match up to `offset`, folds from the ASCII
    /// bytes at `start` to its end (found in an ASCII prefix, which folds the
    /// same whatever follows). `text` holds at least `factor.count` bytes from `start`.
    private func matches(_ factor: [UInt32], at start: Int, from offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let fold = FoldTable.shared.asciiScalars
        var offset = offset
        while offset < factor.count, text[start + offset] < 0x80, fold[Int(text[start + offset])] == factor[offset] { offset += 1 }
        return offset == factor.count
    }

    @inline(__always)
    private func occurs(count: Int, scalar: (Int) -> UInt32) -> Bool {
        for start in 0..<count {
            let first = scalar(start)
            guard firsts.contains(first) else { continue }
            for factor in factors where factor[0] == first && factor.count <= count - start {
                var offset = 1
                while offset < factor.count, scalar(start + offset) == factor[offset] { offset += 1 }
                if offset == factor.count { return true }
            }
        }
        return false
    }
}

/// What one node tells about the text it matches.
private struct Analysis {
    /// At most this many strings in a set, each at most `maxLength` scalars.
    static let maxStrings = 16
    static let maxLength = 64

    /// Every string the node can match, when that set is finite and small.
    var exact: [[UInt32]]?
    /// Strings one of which every match of the node contains; nil when none is known.
    var best: [[UInt32]]?

    init(exact: [[UInt32]]?, best: [[UInt32]]?) {
        self.exact = exact
        self.best = best
    }

    init(_ node: PatternNode) {
        switch node {
        case .empty, .assertion:
            // Zero width: contributes the empty string.
            self.init(exact: [[]], best: nil)
        case .literal(let scalars):
            self.init(exact: [scalars], best: nil)
            consider([scalars])
        case .anyScalar, .charClass:
            self.init(exact: nil, best: nil)
        case .concatenation(let items):
            self.init(concatenating: items.map(Analysis.init))
        case .alternation(let branches):
            self.init(alternating: branches.map(Analysis.init))
        case .repetition(let operand, let min, let max, _):
            let inner = Analysis(operand)
            if max == 0 {
                self.init(exact: [[]], best: nil)
            } else if min == 0 {
                self.init(exact: nil, best: nil)
            } else {
                self.init(exact: min == 1 && max == 1 ? inner.exact : nil, best: inner.best)
                consider(inner.exact)
            }
        }
    }

    private init(concatenating items: [Analysis]) {
        self.init(exact: nil, best: nil)
        // `run` is the exact set of the current stretch of exact items.
        var run: [[UInt32]] = [[]]
        var whole = true
        for item in items {
            consider(item.best)
            guard let next = item.exact else {
                consider(run)
                run = [[]]
                whole = false
                continue
            }
            if let product = Self.product(run, next) {
                run = product
            } else {
                consider(run)
                consider(next)
                run = next
                whole = false
            }
        }
        consider(run)
        exact = whole ? run : nil
    }

    private init(alternating branches: [Analysis]) {
        var union: [[UInt32]]? = []
        var required: [[UInt32]]? = []
        for branch in branches {
            if let strings = branch.exact, var all = union {
                all.append(contentsOf: strings)
                union = all.count <= Self.maxStrings ? all : nil
            } else {
                union = nil
            }
            let branchBest = Self.better(branch.best, Self.useful(branch.exact))
            if let strings = branchBest, var all = required {
                all.append(contentsOf: strings)
                required = all.count <= Self.maxStrings ? all : nil
            } else {
                required = nil
            }
        }
        self.init(exact: union.map(Self.unique), best: required.map(Self.unique))
    }

    private mutating func consider(_ strings: [[UInt32]]?) {
        best = Self.better(best, Self.useful(strings))
    }

    /// `strings` when it can serve as factors: no empty string in it.
    private static func useful(_ strings: [[UInt32]]?) -> [[UInt32]]? {
        guard let strings, !strings.isEmpty, !strings.contains(where: \.isEmpty) else { return nil }
        return unique(strings)
    }

    /// The more selective set: longer shortest string, then fewer strings.
    private static func better(_ a: [[UInt32]]?, _ b: [[UInt32]]?) -> [[UInt32]]? {
        guard let a else { return b }
        guard let b else { return a }
        let shortestA = a.map(\.count).min() ?? 0, shortestB = b.map(\.count).min() ?? 0
        if shortestA != shortestB { return shortestA > shortestB ? a : b }
        return a.count <= b.count ? a : b
    }

    private static func product(_ left: [[UInt32]], _ right: [[UInt32]]) -> [[UInt32]]? {
        guard left.count * right.count <= maxStrings else { return nil }
        var result: [[UInt32]] = []
        for a in left {
            for b in right {
                guard a.count + b.count <= maxLength else { return nil }
                result.append(a + b)
            }
        }
        return result
    }

    private static func unique(_ strings: [[UInt32]]) -> [[UInt32]] {
        var seen = Set<[UInt32]>()
        return strings.filter { seen.insert($0).inserted }
    }
}
