import BatonCore
import BatonLanguage

/// `# baton-ignore: rule-a, rule-b` silences those warnings on the item it
/// precedes (the comment's own line or the next item's first line), or on
/// the line it trails. `# baton-ignore-file: rule-a` covers the whole file.
struct Suppressions {
    /// path → line → suppressed rule names ("*" for all).
    private var byLine: [String: [Int: Set<String>]] = [:]
    private var byFile: [String: Set<String>] = [:]
    private var sources: [String: SourceFile] = [:]
    /// path → item ranges, to widen a line suppression to its whole item.
    private var items: [String: [SourceRange]] = [:]

    init(_ ruleSet: CheckedRuleSet) {
        for source in ruleSet.sources { sources[source.path] = source }
        for file in ruleSet.files {
            guard let source = sources[file.path] else { continue }
            for comment in file.comments {
                let text = comment.text.trimmingCharacters(in: " \t")
                let fileWide = text.hasPrefix("baton-ignore-file:")
                guard fileWide || text.hasPrefix("baton-ignore:") else { continue }
                let list = text.drop(while: { $0 != ":" }).dropFirst()
                let names = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty })
                let ruleNames = names.isEmpty ? ["*"] : names
                if fileWide {
                    byFile[file.path, default: []].formUnion(ruleNames)
                    continue
                }
                let line = source.location(of: comment.range.start).line
                // A trailing comment covers its own line; a leading one the next line.
                let target = comment.isTrailing ? line : line + 1
                byLine[file.path, default: [:]][target, default: []].formUnion(ruleNames)
            }
            // Item ranges matter only to line suppressions; most files have none.
            if byLine[file.path] != nil {
                items[file.path] = file.items.map(\.span.range)
            }
        }
    }

    func suppresses(_ diagnostic: Diagnostic) -> Bool {
        suppresses(code: diagnostic.code, path: diagnostic.path, range: diagnostic.range)
    }

    /// Whether a warning with this code at this place is suppressed.
    func suppresses(code: String, path: String, range: SourceRange) -> Bool {
        if let names = byFile[path], names.contains(code) || names.contains("*") { return true }
        guard let lines = byLine[path], let source = sources[path] else { return false }
        var candidates = [source.location(of: range.start).line]
        // A suppression before an item covers every warning inside it.
        if let item = items[path].flatMap({ Self.item(containing: range.start, in: $0) }) {
            candidates.append(source.location(of: item.start).line)
        }
        return candidates.contains { line in
            guard let names = lines[line] else { return false }
            return names.contains(code) || names.contains("*")
        }
    }
}

extension Suppressions {
    /// The item whose range holds `offset` (an empty item holds its start).
    /// Items of a file follow each other without overlapping, so a binary
    /// search finds it.
    fileprivate static func item(containing offset: Int, in items: [SourceRange]) -> SourceRange? {
        var low = 0
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid].start <= offset { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let item = items[low - 1]
        return offset < max(item.end, item.start + 1) ? item : nil
    }
}

extension String {
    func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}

extension Substring {
    func trimmingCharacters(in characters: String) -> String { String(self).trimmingCharacters(in: characters) }
}
