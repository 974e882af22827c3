import BatonCore
import Foundation
import Yams

/// Reads typed values out of a composed YAML tree and collects every
/// problem as a diagnostic at the offending node, so one pass reports all
/// the mistakes in a file instead of stopping at the first.
struct YAMLReader {
    let source: SourceFile
    let limits: TranscriptLimits
    private(set) var diagnostics: [Diagnostic] = []
    /// Errors beyond `limits.maxErrorsPerFile`, summarised at the end.
    private(set) var dropped = 0

    init(source: SourceFile, limits: TranscriptLimits) {
        self.source = source
        self.limits = limits
    }

    var hasErrors: Bool { !diagnostics.isEmpty }

    // MARK: Reporting

    mutating func report(_ message: TranscriptMessage, at node: Node?, help: String? = nil) {
        report(message, range: node.map(range(of:)) ?? .empty, help: help)
    }

    mutating func report(_ message: TranscriptMessage, at mark: Mark, help: String? = nil) {
        let start = offset(of: mark)
        report(message, range: SourceRange(start: start, end: start + 1), help: help)
    }

    mutating func report(_ message: TranscriptMessage, range: SourceRange, help: String? = nil) {
        guard diagnostics.count < limits.maxErrorsPerFile else {
            dropped += 1
            return
        }
        diagnostics.append(message.diagnostic(path: source.path, range: range, help: help))
    }

    /// The collected diagnostics, sorted, with a final note when some were dropped.
    func finished() -> [Diagnostic] {
        var all = diagnostics.sorted(by: Diagnostic.ordered)
        if dropped > 0 {
            all.append(TranscriptMessage.tooManyErrors(dropped).diagnostic(path: source.path, range: .empty))
        }
        return all
    }

    // MARK: Positions

    /// Byte offset of a Yams mark (1-based line, column in Unicode scalars).
    func offset(of mark: Mark) -> Int {
        guard mark.line >= 1, mark.line <= source.lineStarts.count else { return source.bytes.count }
        var index = source.lineStarts[mark.line - 1]
        var column = 1
        while column < mark.column, index < source.bytes.count, source.bytes[index] != UInt8(ascii: "\n") {
            index += 1
            while index < source.bytes.count, source.bytes[index] & 0xC0 == 0x80 { index += 1 }
            column += 1
        }
        return index
    }

    /// The node's span for a caret: a scalar's text on its line, or the
    /// first character of a collection.
    func range(of node: Node) -> SourceRange {
        guard let mark = node.mark else { return .empty }
        let start = offset(of: mark)
        var length = 1
        if let scalar = node.scalar, !scalar.string.contains("\n") {
            length = max(1, scalar.string.utf8.count + (scalar.style == .plain ? 0 : 2))
        }
        return SourceRange(start: start, end: start + length)
    }

    func line(of node: Node) -> Int { node.mark?.line ?? 0 }

    // MARK: Typed access

    /// How a node looks, for "found ..." in messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return "nothing"
            case .bool: return "`\(scalar.string)` (a boolean)"
            case .int, .float: return "`\(scalar.string)` (a number)"
            default:
                let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
                return "\"\(text)\""
            }
        }
    }

    /// Any scalar's text as written (`customer: no` is the text "no"); nil
    /// for null, collections, and after reporting an error.
    mutating func text(_ node: Node, field: String) -> String? {
        guard let scalar = node.scalar else {
            report(.wrongType(field: field, expected: "text", found: Self.describe(node)), at: node)
            return nil
        }
        if node.tagName == .null { return nil }
        return scalar.string
    }

    /// A string that must be present and non-null.
    mutating func requiredText(_ node: Node, field: String) -> String? {
        if node.scalar != nil, node.tagName == .null {
            report(.wrongType(field: field, expected: "text", found: "nothing"), at: node)
            return nil
        }
        return text(node, field: field)
    }

    mutating func number(_ node: Node, field: String) -> Double? {
        guard node.scalar != nil, [.int, .float].contains(node.tagName), let value = node.float else {
            report(.wrongType(field: field, expected: "a number", found: Self.describe(node)), at: node)
            return nil
        }
        return value
    }

    mutating func integer(_ node: Node, field: String) -> Int? {
        guard node.scalar != nil, node.tagName == .int, let value = node.int else {
            report(.wrongType(field: field, expected: "a whole number", found: Self.describe(node)), at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node, field: String) -> Bool? {
        guard node.scalar != nil, node.tagName == .bool, let value = node.bool else {
            report(.wrongType(field: field, expected: "true or false", found: Self.describe(node)), at: node)
            return nil
        }
        return value
    }

    mutating func mapping(_ node: Node, field: String) -> Node.Mapping? {
        guard let mapping = node.mapping else {
            report(.wrongType(field: field, expected: "a mapping", found: Self.describe(node)), at: node)
            return nil
        }
        return mapping
    }

    /// A list; a single item is accepted as a list of one where `single` says so.
    mutating func list(_ node: Node, field: String, single: Bool = false) -> [Node]? {
        if let sequence = node.sequence { return Array(sequence) }
        if single, node.scalar != nil || node.mapping != nil { return [node] }
        report(.wrongType(field: field, expected: "a list", found: Self.describe(node)), at: node)
        return nil
    }

    /// Mapping entries keyed by string, reporting keys that are not text.
    mutating func entries(_ mapping: Node.Mapping, field: String) -> [(key: String, keyNode: Node, value: Node)] {
        var out: [(String, Node, Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string, key.tagName != .null else {
                report(.wrongType(field: field, expected: "a mapping with text keys", found: Self.describe(key)), at: key)
                continue
            }
            out.append((name, key, value))
        }
        return out
    }

    /// Reports keys outside `allowed`, with a "did you mean" when one is close.
    mutating func checkKeys(_ mapping: Node.Mapping, allowed: [String], context: String) {
        for (key, _) in mapping {
            guard let name = key.scalar?.string, !allowed.contains(name) else { continue }
            let suggestion = Suggestions.closest(to: name, among: allowed)
            report(.unknownField(name, context: context), at: key, help: suggestion.map { "did you mean `\($0)`?" })
        }
    }

    /// A metadata or argument value: scalars by their YAML type, lists of
    /// values. Depth and size are bounded (aliases can multiply a tree).
    mutating func value(_ node: Node, field: String) -> Value? {
        var budget = limits.maxValueNodes
        return value(node, field: field, depth: 0, budget: &budget)
    }

    private mutating func value(_ node: Node, field: String, depth: Int, budget: inout Int) -> Value? {
        budget -= 1
        guard depth <= limits.maxValueDepth, budget >= 0 else {
            report(.valueTooDeep, at: node)
            return nil
        }
        switch node {
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return .null
            case .bool: return node.bool.map(Value.bool) ?? .string(scalar.string)
            case .int, .float:
                guard let number = node.float, number.isFinite else {
                    report(.outOfRange(field: field, range: "a finite number", found: scalar.string), at: node)
                    return nil
                }
                return .number(number)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [Value] = []
            for item in sequence {
                guard let value = value(item, field: field, depth: depth + 1, budget: &budget) else { return nil }
                items.append(value)
            }
            return .list(items)
        case .mapping, .alias:
            report(.wrongType(field: field, expected: "a string, number, boolean, list or null", found: Self.describe(node)), at: node)
            return nil
        }
    }
}

extension Node {
    /// The node's resolved YAML type (`str`, `int`, `float`, `bool`, `null`, ...).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
