// Recursive-descent parser from pattern source to `PatternNode`.
//
//   alternation   = concatenation { "|" concatenation }
//   concatenation = { atom [ quantifier [ "?" ] ] }
//   quantifier    = "*" | "+" | "?" | "{" n "}" | "{" n ",}" | "{" n "," m "}"
//   atom          = literal | "." | "^" | "$" | escape | class
//                 | "(" alternation ")" | "(?:" alternation ")"
//
// Constructs that need backtracking are rejected with a reason, not ignored.

struct PatternParser {
    static let maxSourceBytes = 4096
    static let maxRepetition = 100
    static let maxNesting = 100

    let scalars: [Unicode.Scalar]
    /// UTF-8 offset of each scalar, plus one entry for the end.
    let offsets: [Int]
    var index = 0
    var depth = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        self.offsets = offsets
    }

    /// Parses a whole pattern and rejects ones that would match every message.
    static func parse(_ source: String) throws(PatternError) -> PatternNode {
        let byteCount = source.utf8.count
        if byteCount > maxSourceBytes {
            // Underline from the first character that crosses the limit.
            let offsets = PatternParser(source).offsets
            var first = 0
            while offsets[first + 1] <= maxSourceBytes { first += 1 }
            throw PatternError(message: tooLong(byteCount), offset: offsets[first],
                               length: byteCount - offsets[first])
        }
        if source.isEmpty { throw PatternError(message: emptyPattern, offset: 0, length: 0) }

        var parser = PatternParser(source)
        let node = try parser.parseAlternation()
        if parser.index < parser.scalars.count {
            // Only a `)` stops the top-level alternation early.
            throw parser.error(unmatchedParenthesis, at: parser.index, length: 1)
        }
        if node.emptyMatchAnchors.contains(where: { $0 & 4 == 0 && $0 != 3 }) {
            throw PatternError(message: matchesEverything, offset: 0, length: byteCount)
        }
        return node
    }

    // MARK: - Structure

    mutating func parseAlternation() throws(PatternError) -> PatternNode {
        var branches = [try parseConcatenation()]
        while peek == "|" {
            index += 1
            branches.append(try parseConcatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func parseConcatenation() throws(PatternError) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = peek, scalar != "|", scalar != ")" {
            if Self.quantifierStarts.contains(scalar) {
                throw error(Self.nothingToRepeat(quantifierText(at: index)), at: index,
                            length: quantifierLength(at: index))
            }
            let start = index
            let atom = try parseAtom()
            let item = try parseQuantifier(after: atom, atomStart: start)
            // Merge adjacent literals so the compiler sees one run.
            if case .literal(let next) = item, case .literal(let previous)? = items.last {
                items[items.count - 1] = .literal(previous + next)
            } else {
                items.append(item)
            }
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    mutating func parseAtom() throws(PatternError) -> PatternNode {
        guard let scalar = peek else { return .empty }
        switch scalar {
        case "(": return try parseGroup()
        case "[": return .charClass(try parseClass())
        case "]": throw error(Self.unmatchedBracket, at: index, length: 1)
        case "}": throw error(Self.unmatchedBrace, at: index, length: 1)
        case ".":
            index += 1
            return .anyScalar
        case "^":
            index += 1
            return .assertion(.start)
        case "$":
            index += 1
            return .assertion(.end)
        case "\\":
            switch try parseEscape(inClass: false) {
            case .scalar(let value): return .literal(Self.fold([value]))
            case .builtin(let builtin): return .charClass(ClassSpec(builtins: builtin))
            case .assertion(let assertion): return .assertion(assertion)
            }
        default:
            // A character and the combining marks after it fold as one cluster.
            var cluster = [scalar.value]
            index += 1
            while let next = peek, next.properties.generalCategory == .nonspacingMark {
                cluster.append(next.value)
                index += 1
            }
            return .literal(Self.fold(cluster))
        }
    }

    mutating func parseGroup() throws(PatternError) -> PatternNode {
        let open = index
        depth += 1
        if depth > Self.maxNesting { throw error(Self.tooDeep, at: open, length: 1) }
        index += 1
        if peek == "?" { try parseGroupPrefix(open: open) }
        let inner = try parseAlternation()
        guard peek == ")" else { throw error(Self.unclosedGroup, at: open, length: 1) }
        index += 1
        depth -= 1
        return inner
    }

    /// After `(?`: accepts `:` and rejects everything else with a reason.
    mutating func parseGroupPrefix(open: Int) throws(PatternError) {
        let rest = scalars[(index + 1)...].prefix(2).map(Character.init)
        let first = rest.first, second = rest.dropFirst().first
        func reject(_ message: String, _ length: Int) -> PatternError {
            error(message, at: open, length: length)
        }
        switch (first, second) {
        case (":", _):
            index += 2
        case ("=", _): throw reject(Self.unsupported("lookahead", "(?="), 3)
        case ("!", _): throw reject(Self.unsupported("negative lookahead", "(?!"), 3)
        case ("<", "="): throw reject(Self.unsupported("lookbehind", "(?<="), 4)
        case ("<", "!"): throw reject(Self.unsupported("negative lookbehind", "(?<!"), 4)
        case (">", _): throw reject(Self.unsupported("atomic group", "(?>"), 3)
        case ("P", "="): throw reject(Self.unsupported("backreference", "(?P="), 4)
        case ("<", _), ("P", "<"), ("'", _):
            let length = first == "P" ? 4 : 3
            throw reject(Self.namedGroup(text(open, length)), length)
        case (let flag?, _) where flag.isLetter || flag == "-":
            throw reject(Self.inlineFlags(text(open, 3)), 3)
        default:
            let length = min(3, scalars.count - open)
            throw reject(Self.unknownGroup(text(open, length)), length)
        }
    }

    // MARK: - Helpers

    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// The source text of `count` scalars starting at scalar `start`.
    func text(_ start: Int, _ count: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<min(start + count, scalars.count)])
        return String(view)
    }

    /// An error spanning `length` scalars from scalar `start`, in bytes.
    func error(_ message: String, at start: Int, length: Int) -> PatternError {
        let end = min(start + length, scalars.count)
        return PatternError(message: message, offset: offsets[start], length: offsets[end] - offsets[start])
    }

    /// Folds pattern text exactly as message text is folded.
    static func fold(_ values: [UInt32]) -> [UInt32] {
        var view = String.UnicodeScalarView()
        for value in values { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
        return FoldedText(String(view)).storage.map { $0 & Packed.scalarMask }
    }
}

extension PatternParser {
    fileprivate static let emptyPattern = "empty pattern matches every message"
    fileprivate static let matchesEverything = "pattern can match empty text, so it matches every message"
    fileprivate static let unmatchedParenthesis = "unmatched `)`; write `\\)` to match a parenthesis"
    fileprivate static let unmatchedBracket = "unmatched `]`; write `\\]` to match a bracket"
    fileprivate static let unmatchedBrace = "unmatched `}`; write `\\}` to match a brace"
    fileprivate static let unclosedGroup = "unclosed group; expected `)`"
    fileprivate static let tooDeep = "groups are nested more than \(maxNesting) deep"

    fileprivate static func tooLong(_ bytes: Int) -> String {
        "pattern is \(bytes) bytes long; the limit is \(maxSourceBytes)"
    }

    static func unsupported(_ what: String, _ text: String) -> String {
        "\(what) `\(text)` is not supported because it can take super-linear time"
    }

    fileprivate static func namedGroup(_ text: String) -> String {
        "named group `\(text)` is not supported; use a plain group `(...)`"
    }

    fileprivate static func inlineFlags(_ text: String) -> String {
        "inline flags `\(text)` are not supported; patterns always ignore case and accents"
    }

    fileprivate static func unknownGroup(_ text: String) -> String {
        "unknown group syntax `\(text)`; use `(` or `(?:`"
    }
}
