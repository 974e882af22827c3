// Backslash escapes, inside and outside character classes.

enum EscapeMeaning {
    case scalar(UInt32)
    case builtin(BuiltinClasses)
    case assertion(Assertion)
}

extension PatternParser {
    /// Characters that `\` turns into themselves. `{` and `}` are included so
    /// braces can be matched literally.
    static let literalEscapes: Set<Unicode.Scalar> = [
        ".", "(", ")", "[", "]", "|", "*", "+", "?", "^", "$", "/", "-", "\\", "{", "}",
    ]

    /// Parses the escape at the current `\`.
    mutating func parseEscape(inClass: Bool) throws(PatternError) -> EscapeMeaning {
        let start = index
        guard let escaped = peek(1) else { throw error(Self.danglingBackslash, at: start, length: 1) }
        index += 2
        if Self.literalEscapes.contains(escaped) { return .scalar(escaped.value) }
        switch escaped {
        case "d": return .builtin(.digit)
        case "D": return .builtin(.notDigit)
        case "w": return .builtin(.word)
        case "W": return .builtin(.notWord)
        case "s": return .builtin(.space)
        case "S": return .builtin(.notSpace)
        case "n": return .scalar(0x0A)
        case "t": return .scalar(0x09)
        case "r": return .scalar(0x0D)
        case "b", "B":
            if inClass { throw error(Self.boundaryInClass(escaped), at: start, length: 2) }
            return .assertion(escaped == "b" ? .wordBoundary : .notWordBoundary)
        case "1"..."9":
            while let next = peek, ("0"..."9").contains(next) { index += 1 }
            throw error(Self.unsupported("backreference", text(start, index - start)), at: start, length: index - start)
        case "k", "g":
            // `\k<name>`, `\k{name}`, `\g1`: named and numbered backreferences.
            let closers: [Unicode.Scalar: Unicode.Scalar] = ["<": ">", "{": "}", "'": "'"]
            if let opener = peek, let closer = closers[opener],
               let close = scalars[index...].prefix(40).firstIndex(of: closer) {
                index = close + 1
            } else {
                while let next = peek, ("0"..."9").contains(next) || next == "-" { index += 1 }
            }
            throw error(Self.unsupported("backreference", text(start, index - start)), at: start, length: index - start)
        case "A":
            throw error(Self.unknownEscape(text(start, 2), hint: Self.startHint), at: start, length: 2)
        case "z", "Z":
            throw error(Self.unknownEscape(text(start, 2), hint: Self.endHint), at: start, length: 2)
        default:
            throw error(Self.unknownEscape(text(start, 2), hint: nil), at: start, length: 2)
        }
    }
}

extension PatternParser {
    fileprivate static let startHint = "use `^` for the start of the message"
    fileprivate static let endHint = "use `$` for the end of the message"
    fileprivate static let danglingBackslash = "pattern ends with an incomplete escape `\\`"

    fileprivate static func boundaryInClass(_ letter: Unicode.Scalar) -> String {
        "`\\\(letter)` is a position, so it cannot appear in a character class"
    }

    fileprivate static func unknownEscape(_ text: String, hint: String?) -> String {
        "unknown escape `\(text)`" + (hint.map { "; " + $0 } ?? "")
    }
}
