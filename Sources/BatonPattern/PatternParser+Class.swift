// Character classes: `[abc]`, `[a-z0-9]`, `[^...]`, `[\w-]`.
//
// A `[` inside a class must be escaped: this rejects POSIX `[:alpha:]` and
// set operations loudly instead of quietly meaning something else.

extension PatternParser {
    mutating func parseClass() throws(PatternError) -> ClassSpec {
        let open = index
        index += 1
        var spec = ClassSpec()
        if peek == "^" {
            spec.negated = true
            index += 1
        }
        if peek == "]" {
            throw error(Self.emptyClass(text(open, index + 1 - open)), at: open, length: index + 1 - open)
        }
        while true {
            guard let scalar = peek else { throw error(Self.unclosedClass, at: open, length: 1) }
            if scalar == "]" {
                index += 1
                return spec
            }
            if scalar == "[" { throw error(Self.nestedBracket, at: index, length: 1) }
            let itemStart = index
            let low = try parseClassItem()
            if peek == "-", let after = peek(1), after != "]" {
                index += 1
                let high = try parseClassItem()
                let length = index - itemStart
                guard case .scalar(let lowValue) = low, case .scalar(let highValue) = high else {
                    throw error(Self.rangeNeedsCharacters(text(itemStart, length)), at: itemStart, length: length)
                }
                guard lowValue <= highValue else {
                    throw error(Self.rangeOutOfOrder(text(itemStart, length)), at: itemStart, length: length)
                }
                spec.ranges.append(lowValue...highValue)
                continue
            }
            switch low {
            case .scalar(let value): spec.ranges.append(value...value)
            case .builtin(let builtin): spec.builtins.formUnion(builtin)
            case .assertion: break  // `parseEscape(inClass: true)` never returns one
            }
        }
    }

    private mutating func parseClassItem() throws(PatternError) -> EscapeMeaning {
        guard let scalar = peek else { return .scalar(0) }
        if scalar == "\\" { return try parseEscape(inClass: true) }
        index += 1
        return .scalar(scalar.value)
    }
}

extension PatternParser {
    fileprivate static let unclosedClass = "unclosed character class; expected `]`"
    fileprivate static let nestedBracket = "`[` inside a character class must be written `\\[`"

    fileprivate static func emptyClass(_ text: String) -> String {
        "empty character class `\(text)`; write `\\]` to match a bracket"
    }

    fileprivate static func rangeNeedsCharacters(_ text: String) -> String {
        "character range `\(text)` needs a single character at each end; write `\\-` to match a hyphen"
    }

    fileprivate static func rangeOutOfOrder(_ text: String) -> String {
        "character range `\(text)` is out of order"
    }
}
