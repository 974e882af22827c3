import BatonCore

/// Template strings: `"Order {metadata.order_id} is {api.orders.status}"`.
/// Placeholders are read from the raw source bytes so each keeps an exact span.
extension Parser {
    mutating func parseTemplate() throws(SyntaxError) -> Template {
        let literal = try expectString("a message string")
        let bytes = source.bytes
        let range = literal.span.range
        // At most a text before each placeholder and one after the last: one
        // allocation instead of a regrowth every few parts.
        var parts: [TemplatePart] = []
        parts.reserveCapacity(2 * bytes[range.start..<range.end].reduce(0) { $1 == UInt8(ascii: "{") ? $0 + 1 : $0 } + 1)
        // Skip the opening quote; stop before the closing one if present.
        var index = range.start + 1
        let end = range.end > range.start + 1 && bytes[range.end - 1] == UInt8(ascii: "\"") ? range.end - 1 : range.end
        // Text is taken from the source a run at a time; `unescaped` holds
        // the text so far only once an escape has broken the current run.
        var runStart = index
        var unescaped: [UInt8] = []
        func flushText(upTo runEnd: Int) {
            if unescaped.isEmpty {
                if runEnd > runStart { parts.append(.text(String(decoding: bytes[runStart..<runEnd], as: UTF8.self))) }
            } else {
                unescaped.append(contentsOf: bytes[runStart..<runEnd])
                parts.append(.text(String(decoding: unescaped, as: UTF8.self)))
                unescaped.removeAll(keepingCapacity: true)
            }
        }
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < end {
                unescaped.append(contentsOf: bytes[runStart..<index])
                let escaped = bytes[index + 1]
                switch escaped {
                case UInt8(ascii: "n"): unescaped.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): unescaped.append(UInt8(ascii: "\t"))
                default: unescaped.append(escaped)
                }
                index += 2
                runStart = index
                continue
            }
            if byte == UInt8(ascii: "{") {
                let open = index
                var close = index + 1
                while close < end, bytes[close] != UInt8(ascii: "}"), bytes[close] != UInt8(ascii: "{") { close += 1 }
                guard close < end, bytes[close] == UInt8(ascii: "}") else {
                    throw error(.unclosedPlaceholder, at: SourceRange(start: open, end: open + 1), help: "write `\\{` for a literal brace")
                }
                flushText(upTo: open)
                parts.append(.placeholder(
                    try placeholderPath(from: open + 1, to: close),
                    span: Span(start: open, end: close + 1)
                ))
                index = close + 1
                runStart = index
                continue
            }
            if byte == UInt8(ascii: "}") {
                throw error(.unopenedPlaceholder, at: SourceRange(start: index, end: index + 1), help: "write `\\}` for a literal brace")
            }
            index += 1
        }
        flushText(upTo: end)
        return Template(literal: literal, parts: parts)
    }

    /// Splits `metadata.order_id` into names with their own spans.
    private func placeholderPath(from start: Int, to end: Int) throws(SyntaxError) -> [Name] {
        let bytes = source.bytes
        var names: [Name] = []
        names.reserveCapacity(bytes[start..<end].reduce(1) { $1 == UInt8(ascii: ".") ? $0 + 1 : $0 })
        var segmentStart = start
        var index = start
        func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
        }
        while index <= end {
            if index == end || bytes[index] == UInt8(ascii: ".") {
                guard index > segmentStart else {
                    throw error(.emptyPlaceholderSegment, at: SourceRange(start: max(start - 1, segmentStart - 1), end: index + 1))
                }
                let segment = String(decoding: bytes[segmentStart..<index], as: UTF8.self)
                names.append(Name(segment, span: Span(start: segmentStart, end: index)))
                segmentStart = index + 1
            } else if !isWordByte(bytes[index]) {
                throw error(.invalidPlaceholder, at: SourceRange(start: start - 1, end: end + 1), help: "placeholders look like `{metadata.order_id}`")
            }
            index += 1
        }
        return names
    }
}
