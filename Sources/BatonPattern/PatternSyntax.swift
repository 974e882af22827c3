// The parsed form of a pattern. Literals are already folded; positions are
// kept only where the compiler may still report an error.

/// A byte range in the pattern source.
struct SourceSpan: Hashable, Sendable {
    var offset: Int
    var length: Int
}

/// Zero-width assertions.
enum Assertion: Hashable, Sendable {
    case start, end, wordBoundary, notWordBoundary
}

/// Built-in classes (`\d \w \s` and their negations), as bit flags.
struct BuiltinClasses: OptionSet, Hashable, Sendable {
    var rawValue: UInt8
    static let digit = BuiltinClasses(rawValue: 1 << 0)
    static let notDigit = BuiltinClasses(rawValue: 1 << 1)
    static let word = BuiltinClasses(rawValue: 1 << 2)
    static let notWord = BuiltinClasses(rawValue: 1 << 3)
    static let space = BuiltinClasses(rawValue: 1 << 4)
    static let notSpace = BuiltinClasses(rawValue: 1 << 5)
}

/// A character class as written (before folding its ranges).
struct ClassSpec: Hashable, Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var builtins: BuiltinClasses = []
    var negated = false
}

indirect enum PatternNode: Hashable, Sendable {
    /// Matches the empty string.
    case empty
    /// A run of folded scalar values (possibly empty, e.g. a lone accent).
    case literal([UInt32])
    /// `.`: any one scalar, newlines included.
    case anyScalar
    case charClass(ClassSpec)
    case assertion(Assertion)
    case concatenation([PatternNode])
    case alternation([PatternNode])
    /// `max == nil` means unbounded. The span covers the operand and quantifier.
    case repetition(PatternNode, min: Int, max: Int?, span: SourceSpan)
}

extension PatternNode {
    /// The kinds of empty match a node allows: each element is the set of
    /// anchors passed on one way of matching empty text (bit 0 `^`, bit 1 `$`,
    /// bit 2 `\b`). Used to reject patterns that match every message. `\B`
    /// holds in almost every message, so it counts as no anchor at all.
    var emptyMatchAnchors: Set<UInt8> {
        switch self {
        case .empty: return [0]
        case .literal(let scalars): return scalars.isEmpty ? [0] : []
        case .anyScalar, .charClass: return []
        case .assertion(let assertion):
            switch assertion {
            case .start: return [1]
            case .end: return [2]
            case .wordBoundary: return [4]
            case .notWordBoundary: return [0]
            }
        case .concatenation(let items):
            var result: Set<UInt8> = [0]
            for item in items {
                let next = item.emptyMatchAnchors
                result = Set(result.flatMap { left in next.map { left | $0 } })
                if result.isEmpty { break }
            }
            return result
        case .alternation(let branches):
            return branches.reduce(into: Set<UInt8>()) { $0.formUnion($1.emptyMatchAnchors) }
        case .repetition(let operand, let min, _, _):
            let inner = operand.emptyMatchAnchors
            return min == 0 ? inner.union([0]) : inner
        }
    }

    /// Whether every match must begin at the start of the text.
    var isAnchoredAtStart: Bool {
        switch self {
        case .assertion(.start): return true
        case .concatenation(let items):
            for item in items {
                if item.isAnchoredAtStart { return true }
                // Only zero-width items may come before the anchor.
                guard case .assertion = item else { return false }
            }
            return false
        case .alternation(let branches): return branches.allSatisfy(\.isAnchoredAtStart)
        case .repetition(let operand, let min, _, _): return min > 0 && operand.isAnchoredAtStart
        default: return false
        }
    }
}
