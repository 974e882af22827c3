// Quantifiers: `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each optionally lazy.
// Laziness only changes which match is reported, never whether one exists,
// so lazy quantifiers are accepted and treated as greedy.

extension PatternParser {
    static let quantifierStarts: Set<Unicode.Scalar> = ["*", "+", "?", "{"]

    mutating func parseQuantifier(after atom: PatternNode, atomStart: Int) throws(PatternError) -> PatternNode {
        guard let scalar = peek, Self.quantifierStarts.contains(scalar) else { return atom }
        let quantifierStart = index
        let bounds: (min: Int, max: Int?)
        switch scalar {
        case "*": bounds = (0, nil); index += 1
        case "+": bounds = (1, nil); index += 1
        case "?": bounds = (0, 1); index += 1
        default: bounds = try parseBraces()
        }
        if case .assertion = atom {
            throw error(Self.cannotRepeat(text(atomStart, quantifierStart - atomStart)),
                        at: atomStart, length: index - atomStart)
        }
        if peek == "?" {
            index += 1  // lazy
        } else if peek == "+" {
            let length = index + 1 - quantifierStart
            throw error(Self.unsupported("possessive quantifier", text(quantifierStart, length)),
                        at: quantifierStart, length: length)
        }
        if let next = peek, Self.quantifierStarts.contains(next) {
            throw error(Self.doubleQuantifier(quantifierText(at: index)), at: index,
                        length: quantifierLength(at: index))
        }
        let span = SourceSpan(offset: offsets[atomStart], length: offsets[index] - offsets[atomStart])
        return .repetition(atom, min: bounds.min, max: bounds.max, span: span)
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` at the current `{`.
    mutating func parseBraces() throws(PatternError) -> (min: Int, max: Int?) {
        let open = index
        guard let close = scalars[open...].firstIndex(of: "}") else {
            throw error(Self.unclosedRepetition, at: open, length: 1)
        }
        let body = scalars[(open + 1)..<close]
        let parts = body.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        guard let first = parts.first, !first.isEmpty, first.allSatisfy(isDigit),
              parts.count == 1 || parts[1].allSatisfy(isDigit)
        else {
            throw error(Self.invalidRepetition(text(open, close + 1 - open)), at: open, length: close + 1 - open)
        }
        // Check each count against the limit before trusting its value.
        var values: [Int] = []
        var partStart = open + 1
        for part in parts {
            let significant = part.drop(while: { $0 == "0" })
            if significant.count > 3 || Self.number(significant) > Self.maxRepetition {
                throw error(Self.countTooLarge(text(partStart, part.count)), at: partStart, length: part.count)
            }
            values.append(Self.number(significant))
            partStart += part.count + 1
        }
        index = close + 1
        let minimum = values[0]
        let maximum: Int? = parts.count == 1 ? minimum : (parts[1].isEmpty ? nil : values[1])
        if let maximum, maximum < minimum {
            throw error(Self.minAboveMax(text(open, close + 1 - open)), at: open, length: close + 1 - open)
        }
        return (minimum, maximum)
    }

    /// The quantifier text at `start` for messages: `*`, `+?`, `{2,3}`.
    func quantifierText(at start: Int) -> String {
        text(start, quantifierLength(at: start))
    }

    func quantifierLength(at start: Int) -> Int {
        guard scalars[start] == "{" else { return 1 }
        let close = scalars[start...].firstIndex(of: "}")
        return close.map { $0 + 1 - start } ?? 1
    }

    private static func number(_ digits: ArraySlice<Unicode.Scalar>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1.value - 48) }
    }
}

extension PatternParser {
    static func nothingToRepeat(_ quantifier: String) -> String {
        "nothing to repeat before `\(quantifier)`; write `\\\(quantifier.prefix(1))` to match it literally"
    }

    fileprivate static func cannotRepeat(_ anchor: String) -> String {
        "`\(anchor)` matches a position, not a character, so it cannot be repeated"
    }

    fileprivate static func doubleQuantifier(_ quantifier: String) -> String {
        "`\(quantifier)` cannot follow another quantifier; put the repeated part in a group"
    }

    fileprivate static let unclosedRepetition = "unclosed repetition; expected `}` or write `\\{` to match a brace"

    fileprivate static func invalidRepetition(_ text: String) -> String {
        "invalid repetition `\(text)`; expected `{n}`, `{n,}` or `{n,m}`"
    }

    fileprivate static func countTooLarge(_ text: String) -> String {
        "repetition count `\(text)` exceeds the limit of \(maxRepetition)"
    }

    fileprivate static func minAboveMax(_ text: String) -> String {
        "repetition `\(text)` has a minimum greater than its maximum"
    }
}
