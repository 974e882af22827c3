import BatonCore

/// A compiled message pattern: a linear-time subset of regular expressions,
/// matched case- and diacritic-insensitively as an unanchored search.
///
/// ```swift
/// let pattern = try Pattern("charged (twice|two times)")
/// pattern.matches(FoldedText("I was CHARGED twice!"))  // true
/// ```
///
/// Matching runs a Pike VM over the folded text: its cost is at most
/// proportional to the text length times the program size (≤ 10,000
/// instructions), whatever the pattern, so no pattern can hang the evaluator.
/// Constructs that would need backtracking (backreferences, lookaround,
/// atomic groups, possessive quantifiers) are rejected when compiling.
///
/// Syntax:
/// - literals, matched after folding (`cafe` matches `CAFÉ`); `.` matches any
///   character, newlines included;
/// - classes `[a-z0-9]`, `[^...]`, with `\d \w \s` inside; a `-` is literal
///   first or last; a `[` inside a class must be escaped;
/// - `\d` (Unicode decimal digit), `\w` (letter, mark, digit, `_`), `\s`
///   (Unicode whitespace), their negations `\D \W \S`;
/// - `\b` and `\B`: word boundary and non-boundary, for any script;
/// - escaped literals `\. \( \) \[ \] \{ \} \| \* \+ \? \^ \$ \/ \- \\`, and
///   `\n \t \r`;
/// - groups `( )` and `(?: )` (no captures are reported), alternation `|`;
/// - quantifiers `* + ?`, `{m}`, `{m,}`, `{m,n}` with counts ≤ 100; a trailing
///   `?` (lazy) is accepted and has no effect on whether a message matches;
/// - anchors `^` and `$`: start and end of the whole message (there is no
///   multi-line mode).
///
/// Limits: source ≤ 4,096 UTF-8 bytes, nesting ≤ 100 groups, compiled program
/// ≤ 10,000 instructions. Patterns that can match empty text (an empty
/// pattern, `a*`, `x|`, `\B`) are rejected because they would match every
/// message; `^$` (an empty message) and `\b` (any word) are allowed.
public struct Pattern: Sendable, Hashable, CustomStringConvertible {
    /// The most UTF-8 bytes a pattern source may have.
    public static let maxSourceBytes = PatternParser.maxSourceBytes
    /// The largest count allowed in `{m,n}`.
    public static let maxRepetition = PatternParser.maxRepetition
    /// The most instructions a compiled pattern may have.
    public static let maxInstructions = PatternCompiler.maxInstructions

    /// The pattern as written.
    public let source: String
    let program: Program

    /// Compiles `source`.
    ///
    /// - Throws: `PatternError` with a message and the UTF-8 byte range of the
    ///   offending text.
    public init(_ source: String) throws(PatternError) {
        let tree = try PatternParser.parse(source)
        self.source = source
        self.program = try PatternCompiler.compile(tree, sourceLength: source.utf8.count)
    }

    /// Whether the pattern occurs anywhere in `text`.
    ///
    /// Allocates one scratch buffer per call (on the stack for small patterns).
    public func matches(_ text: FoldedText) -> Bool {
        PikeVM.search(program, in: text.storage, wantRange: false) != nil
    }

    /// The leftmost match, as offsets into the folded scalars of `text`.
    ///
    /// Among matches starting at that offset, the extent is the one a
    /// backtracking engine would report with greedy quantifiers.
    public func firstMatch(_ text: FoldedText) -> Range<Int>? {
        PikeVM.search(program, in: text.storage, wantRange: true)
    }

    /// False when `text` certainly has no match: the pattern needs one of a
    /// few literals and `text` has none. For ASCII text this costs one pass
    /// over its bytes and no folding, so call it before folding a message
    /// for `matches(_:)`. True means "fold and match to know".
    public func mayMatch(_ text: String) -> Bool {
        guard let factors = program.requiredFactors else { return true }
        return text.withUTF8Bytes { factors.occurs(inASCII: $0) } ?? true
    }

    /// Folds `text` and tests it; prefer `matches(_:)` with a `FoldedText`
    /// shared by all the patterns of a turn.
    public func matches(_ text: String) -> Bool {
        mayMatch(text) && matches(FoldedText(text))
    }

    public var description: String { source }

    public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }

    public func hash(into hasher: inout Hasher) { hasher.combine(source) }
}
