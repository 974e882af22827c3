import BatonCore

/// Lays out a parsed file as canonical lines, each tagged with the source
/// range it prints; `CommentPlacer` then puts the comments back.
///
/// Layout: items separated by one blank line (imports grouped), two-space indentation, one
/// schema entry, guard, lexicon entry or rule setting per line, rule
/// settings in `Formatter.settingOrder`, `when` and `then` each starting a
/// line (see `LineBuilder+Condition.swift` for how conditions break).
struct LineBuilder {
    static let indentWidth = 2

    let index: SourceIndex
    let width: Int
    private(set) var lines: [FormattedLine] = []

    init(index: SourceIndex, width: Int) {
        self.index = index
        self.width = width
    }

    mutating func addFile(_ file: RuleFile) {
        var previous: Item?
        for item in file.items {
            let first = lines.count
            addItem(item)
            // One blank line between items; consecutive imports stay together.
            lines[first].blankLineBefore = previous.map { !(Self.isImport($0) && Self.isImport(item)) } ?? false
            lines[first].keepsCommentGroups = true
            previous = item
        }
        // Comments after the last item hang off this anchor, so they stay at the end.
        let end = index.source.bytes.count
        var anchor = FormattedLine(indent: 0, text: "", start: end, end: end, commentIndent: 0)
        anchor.blankLineBefore = true
        anchor.keepsCommentGroups = true
        anchor.isAnchorOnly = true
        lines.append(anchor)
    }

    static func isImport(_ item: Item) -> Bool {
        if case .importDecl = item { true } else { false }
    }

    mutating func addLine(_ indent: Int, _ text: String, start: Int, end: Int, commentIndent: Int? = nil) {
        lines.append(FormattedLine(indent: indent, text: text, start: start, end: end, commentIndent: commentIndent ?? indent))
    }

    // MARK: - Items

    mutating func addItem(_ item: Item) {
        let inner = Self.indentWidth
        switch item {
        case .importDecl(let decl):
            addLine(0, "import " + index.text(decl.path.span), start: decl.span.range.start, end: decl.span.range.end)
        case .schema(let decl):
            addBlock("schema", span: decl.span, isEmpty: decl.entries.isEmpty) { $0.addSchemaEntries(decl.entries) }
        case .guards(let decl):
            addBlock("guards", span: decl.span, isEmpty: decl.entries.isEmpty) { builder in
                for entry in decl.entries {
                    let text = switch entry {
                    case .cooldown(let turns, _): "cooldown \(turns.value) turns"
                    case .maxEscalations(let count, _): "max_escalations \(count.value)"
                    }
                    builder.addLine(inner, text, start: entry.span.range.start, end: entry.span.range.end)
                }
            }
        case .lexicon(let decl):
            addBlock("lexicon", span: decl.span, isEmpty: decl.entries.isEmpty) { builder in
                for entry in decl.entries {
                    let valence = builder.index.numberText(entry.valence, span: entry.valenceSpan)
                    let text = builder.index.text(entry.phrase.span) + " " + valence
                    builder.addLine(inner, text, start: entry.span.range.start, end: entry.span.range.end)
                }
            }
        case .letDecl(let decl):
            addCondition(decl.value, head: "let \(decl.name.text) = ", indent: 0, start: decl.span.range.start)
        case .rule(let rule):
            addRule(rule)
        }
    }

    /// `header {`, the body, then `}`; an empty block without comments is `header {}`.
    mutating func addBlock(_ header: String, span: Span, isEmpty: Bool, body: (inout LineBuilder) -> Void) {
        let range = span.range
        let open = index.firstToken(.leftBrace, in: range.start..<range.end)?.range.end ?? range.start
        // The parser ends every block's span with its `}`.
        let close = max(open, range.end - 1)
        if isEmpty, !index.hasComment(in: open..<close) {
            addLine(0, header + " {}", start: range.start, end: range.end)
            return
        }
        addLine(0, header + " {", start: range.start, end: open)
        body(&self)
        addLine(0, "}", start: close, end: range.end, commentIndent: Self.indentWidth)
    }

    // MARK: - Schema

    /// Keywords are padded to the longest one in the block, so the names line up.
    mutating func addSchemaEntries(_ entries: [SchemaEntry]) {
        let keywordWidth = entries.map { Self.keyword(of: $0).count }.max() ?? 0
        for entry in entries {
            let elements: [ListElement] = switch entry {
            case .intents(let names, _), .tools(let names, _):
                names.map { ListElement(text: $0.text, span: $0.span) }
            case .apis(let apis, _):
                apis.map { api in
                    ListElement(text: api.name.text + (api.statuses.map { " " + index.stringList($0) } ?? ""), span: api.span)
                }
            case .metadata(let fields, _):
                fields.map { ListElement(text: "\($0.name.text): \($0.type.text)", span: $0.span) }
            }
            let keyword = Self.keyword(of: entry)
            let prefix = keyword + String(repeating: " ", count: keywordWidth - keyword.count)
            addWrappedList(prefix, elements, start: entry.span.range.start)
        }
    }

    static func keyword(of entry: SchemaEntry) -> String {
        switch entry {
        case .intents: "intents"
        case .apis: "apis"
        case .tools: "tools"
        case .metadata: "metadata"
        }
    }

    struct ListElement {
        var text: String
        var span: Span
    }

    /// `prefix a, b, c`, wrapped after a comma when the next element would
    /// pass the width; continuation lines align under the first element.
    mutating func addWrappedList(_ prefix: String, _ elements: [ListElement], start: Int) {
        let indent = Self.indentWidth
        let continuation = indent + prefix.count + 1
        var text = prefix
        var lineIndent = indent
        var lineStart = start
        var lineEnd = start
        for (position, element) in elements.enumerated() {
            let piece = element.text + (position < elements.count - 1 ? "," : "")
            if position > 0, lineIndent + text.count + 1 + piece.count > width {
                addLine(lineIndent, text, start: lineStart, end: lineEnd)
                text = piece
                lineIndent = continuation
                lineStart = element.span.range.start
            } else {
                text += " " + piece
            }
            lineEnd = element.span.range.end
        }
        addLine(lineIndent, text, start: lineStart, end: lineEnd)
    }
}
