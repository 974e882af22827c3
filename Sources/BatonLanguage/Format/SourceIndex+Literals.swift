import BatonCore

/// Literal spellings the tree loses.
extension SourceIndex {
    /// A number as written, with the sign of its value.
    ///
    /// The parser folds `-3`, `- 3`, `-(3)` and `--3` into one literal and
    /// stores a `Double`, which loses `0.50` versus `0.5`. So we keep the
    /// digits the author wrote (minus redundant leading zeros) and put one `-`
    /// in front when the value is negative.
    func numberText(_ value: Double, span: Span) -> String {
        var index = tokenIndex(atOrAfter: span.range.start)
        while index < tokens.count, tokens[index].range.start < span.range.end {
            let token = tokens[index]
            if token.kind == .number, let magnitude = Double(token.text), magnitude == value.magnitude {
                return (value.sign == .minus ? "-" : "") + Self.trimmingLeadingZeros(token.text)
            }
            index += 1
        }
        // Only reached for a tree that was not parsed from this source.
        if value == value.rounded(), value.magnitude < 1e15 {
            return String(Int64(value))
        }
        return String(value)
    }

    /// `007` reads `7`, `00.50` reads `0.50`; the fraction is left alone.
    static func trimmingLeadingZeros(_ digits: String) -> String {
        let integerPart = digits.prefix { $0 != "." }
        let trimmed = integerPart.drop { $0 == "0" }
        let rest = digits.dropFirst(integerPart.count)
        return (trimmed.isEmpty ? "0" : String(trimmed)) + rest
    }

    /// `["a", "b"]`, each string as written; trailing commas are dropped.
    func stringList(_ strings: [StringLiteral]) -> String {
        "[" + strings.map { text($0.span) }.joined(separator: ", ") + "]"
    }
}
