import BatonCore

/// Puts every comment back beside the line that prints the code it was
/// beside, then renders the lines.
///
/// Each comment belongs to the last line, in source order, that starts at
/// or before it. A trailing comment stays at the end of that line. An
/// own-line comment goes above the next line, or above that line itself
/// when it sat inside the line's code (a condition or list that was joined
/// onto one line). A line keeps at most one trailing comment, the last;
/// earlier ones move above it, because two comments on one line would
/// read back as one.
enum CommentPlacer {
    static func render(_ lines: [FormattedLine], comments: [Comment], index: SourceIndex) -> String {
        var leading = Array(repeating: [Comment](), count: lines.count)
        var trailing = Array(repeating: [Comment](), count: lines.count)
        // Settings are reordered, so output order is not source order.
        let order = lines.indices.sorted { (lines[$0].start, $0) < (lines[$1].start, $1) }
        for comment in comments.sorted(by: { $0.range.start < $1.range.start }) {
            let offset = comment.range.start
            var low = 0
            var high = order.count
            while low < high {
                let mid = (low + high) / 2
                if lines[order[mid]].start <= offset { low = mid + 1 } else { high = mid }
            }
            guard low > 0 else {
                leading[order[0]].append(comment)
                continue
            }
            let owner = order[low - 1]
            if comment.isTrailing, !lines[owner].isAnchorOnly {
                trailing[owner].append(comment)
            } else if offset < lines[owner].end || low == order.count {
                leading[owner].append(comment)
            } else {
                leading[order[low]].append(comment)
            }
        }
        var out = ""
        for (position, line) in lines.enumerated() {
            var above = leading[position]
            let end = trailing[position].last
            if trailing[position].count > 1 {
                above += trailing[position].dropLast()
                above.sort { $0.range.start < $1.range.start }
            }
            if line.isAnchorOnly, above.isEmpty { continue }
            if line.blankLineBefore, !out.isEmpty { out += "\n" }
            var previousEnd: Int?
            for comment in above {
                if line.keepsCommentGroups, let previousEnd, index.hasBlankLine(from: previousEnd, to: comment.range.start) {
                    out += "\n"
                }
                out += String(repeating: " ", count: line.commentIndent) + "#" + trimmed(comment.text) + "\n"
                previousEnd = comment.range.end
            }
            if line.isAnchorOnly { continue }
            if line.keepsCommentGroups, let previousEnd, index.hasBlankLine(from: previousEnd, to: line.start) {
                out += "\n"
            }
            out += String(repeating: " ", count: line.indent) + line.text
            if let end { out += " #" + trimmed(end.text) }
            out += "\n"
        }
        return out
    }

    /// Comment text without trailing blanks, which a formatter should not keep.
    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" {
            scalars.removeLast()
        }
        return String(scalars)
    }
}
