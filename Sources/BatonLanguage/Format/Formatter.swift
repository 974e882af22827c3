public import BatonCore

/// The canonical formatter behind `baton fmt`.
///
/// There is one layout per tree: two-space indentation, one blank line
/// between items (consecutive imports stay together), one schema entry,
/// setting or action option per line, rule settings in a fixed order, and
/// conditions on one line up to `lineWidth` columns, then broken before
/// `or` and `and`. Comments are never dropped and string literals are
/// written back byte for byte. `format(source:)` checks every result with
/// `verify` (it must parse back to the same rules and comments); the test
/// suite also checks that formatting twice changes nothing.
///
/// ```swift
/// switch Formatter.format(source: source) {
/// case .formatted(let text): write(text)
/// case .failed(let diagnostics): report(diagnostics)
/// }
/// ```
public enum Formatter {
    /// The column limit for conditions and schema lists. Strings and single
    /// predicates never break, so a line holding one may run past it.
    public static let lineWidth = 100

    /// The order rule settings are printed in, whatever order they were written in.
    public static let settingOrder = ["description", "owner", "tags", "priority", "bypass_guards"]

    /// Formats a tree parsed from `source` without syntax errors.
    ///
    /// `source` must be the text `file` was parsed from: string and number
    /// literals, comments and keyword positions are read from it. Never pass
    /// a tree recovered from a file with errors; use `format(source:)`,
    /// which checks.
    public static func format(_ file: RuleFile, source: SourceFile) -> String {
        let index = SourceIndex(source: source, comments: file.comments)
        var builder = LineBuilder(index: index, width: lineWidth)
        builder.addFile(file)
        return CommentPlacer.render(builder.lines, comments: file.comments, index: index)
    }

    /// Parses and formats a file, refusing when it has syntax errors (a
    /// partial tree would lose code) or when the result fails `verify`.
    public static func format(source: SourceFile) -> FormatResult {
        let parsed = Parser.parse(source)
        guard !parsed.hasErrors else { return .failed(parsed.diagnostics) }
        let text = format(parsed.file, source: source)
        guard verify(original: parsed.file, formatted: text, path: source.path) else {
            return .failed([Diagnostic(
                code: "E0900",
                severity: .error,
                message: "formatting would change the meaning of this file, so it was left unchanged",
                path: source.path,
                range: SourceRange(start: 0, end: 0),
                help: "this is a bug in `baton fmt`; please report it with the file"
            )])
        }
        return .formatted(text)
    }
}

/// What `Formatter.format(source:)` produced: the whole formatted file, or
/// the reasons there is none.
public enum FormatResult: Sendable, Hashable {
    /// The canonical text of the file.
    case formatted(String)
    /// Nothing was formatted: the file has syntax errors, or (a formatter
    /// bug) the self-check failed.
    case failed([Diagnostic])

    /// The formatted text, if there is one.
    public var output: String? {
        if case .formatted(let text) = self { text } else { nil }
    }

    /// The diagnostics that stopped formatting; empty on success.
    public var diagnostics: [Diagnostic] {
        if case .failed(let diagnostics) = self { diagnostics } else { [] }
    }
}
