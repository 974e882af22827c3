/// Renders diagnostics as text: `path:line:col: error: message [code]`, the
/// source line, and a caret under the span. Colour only when asked for.
public struct DiagnosticFormatter: Sendable {
    public var colorize: Bool

    public init(colorize: Bool = false) {
        self.colorize = colorize
    }

    /// Longest excerpt line shown; longer lines are cut around the caret.
    static let maxExcerptWidth = 160

    public func format(_ diagnostic: Diagnostic, source: SourceFile?) -> String {
        var out = ""
        let label = diagnostic.severity.rawValue
        if let source {
            let start = source.location(of: diagnostic.range.start)
            out += "\(diagnostic.path):\(start.line):\(start.column): "
            out += paint(label, severity: diagnostic.severity)
            out += ": \(diagnostic.message) [\(diagnostic.code)]\n"
            out += excerpt(source: source, range: diagnostic.range)
        } else {
            out += "\(diagnostic.path): " + paint(label, severity: diagnostic.severity)
            out += ": \(diagnostic.message) [\(diagnostic.code)]\n"
        }
        if let help = diagnostic.help {
            out += "  help: \(help)\n"
        }
        for note in diagnostic.notes {
            if let range = note.range, let source, note.path == nil || note.path == diagnostic.path {
                let location = source.location(of: range.start)
                out += "  note: \(note.message) (\(diagnostic.path):\(location.line):\(location.column))\n"
            } else {
                out += "  note: \(note.message)\n"
            }
        }
        return out
    }

    /// The source line of the range's start, with `^~~~` under the range
    /// (clipped to that line).
    func excerpt(source: SourceFile, range: SourceRange) -> String {
        let start = source.location(of: range.start)
        let line = sanitize(source.lineText(start.line))
        let scalars = Array(line.unicodeScalars)
        let end = source.location(of: range.end)
        let caretStart = start.column - 1
        var width = end.line == start.line ? max(1, end.column - start.column) : max(1, scalars.count - caretStart)
        width = max(1, min(width, max(1, scalars.count - caretStart)))

        var shown = scalars
        var offset = caretStart
        if scalars.count > Self.maxExcerptWidth {
            let from = max(0, min(caretStart - 40, scalars.count - Self.maxExcerptWidth))
            let to = min(scalars.count, from + Self.maxExcerptWidth)
            shown = Array(scalars[from..<to])
            offset = caretStart - from
            width = min(width, max(1, shown.count - offset))
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: shown)
        let gutter = "\(start.line)"
        let pad = String(repeating: " ", count: gutter.count)
        var caretLine = ""
        for scalar in shown.prefix(offset) {
            caretLine.append(scalar == "\t" ? "\t" : " ")
        }
        caretLine += "^" + String(repeating: "~", count: width - 1)
        return " \(gutter) | \(String(text))\n \(pad) | \(paint(caretLine, severity: nil))\n"
    }

    /// Control characters would corrupt a terminal; show them as `?`.
    private func sanitize(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F || scalar == "\u{FFFD}" {
                out.append("?")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private func paint(_ text: String, severity: Severity?) -> String {
        guard colorize else { return text }
        let code: String
        switch severity {
        case .error: code = "\u{1B}[1;31m"
        case .warning: code = "\u{1B}[1;33m"
        case .note: code = "\u{1B}[1;36m"
        case nil: code = "\u{1B}[1;32m"
        }
        return code + text + "\u{1B}[0m"
    }
}
