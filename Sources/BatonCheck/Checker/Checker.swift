public import BatonCore
import BatonLanguage
import BatonPattern

/// The outcome of checking a rule set: the checked set when there were no
/// errors, and every diagnostic (errors and lint warnings) in order.
public struct CheckResult: Sendable {
    public var ruleSet: CheckedRuleSet?
    public var diagnostics: [Diagnostic]
    /// Every source read, by path, so diagnostics can be rendered.
    public var sources: [String: SourceFile]
    /// Diagnostics found beyond `DiagnosticBag.defaultLimit` and left out
    /// (counted, not listed), so a report can say that it is not complete.
    public var notShown = 0

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Checks a rule set: the given files plus everything they import, as one
/// set with one schema, one namespace of rules and `let`s, and one guards
/// block. Syntax errors stop the check before names are resolved, so a
/// broken file does not bury its real error under unknown-name noise.
public struct Checker {
    /// Window sizes accepted by `last N`, in customer turns.
    public static let windowBounds = 1...50
    /// Words that cannot name a rule or a `let`.
    static let reservedWords: Set<String> = Set([
        "and", "or", "not", "in", "is", "matches", "contains", "exists", "true", "false",
        "rule", "shadow", "let", "schema", "import", "lexicon", "guards", "when", "then",
        "last", "was", "within", "tool_call", "api", "metadata", "tool",
    ] + Signal.allCases.map(\.rawValue) + ["api_error"])

    var diagnostics = DiagnosticBag()
    var sources: [String: SourceFile] = [:]
    var files: [RuleFile] = []
    /// Every file's `guards` and `lexicon` blocks, in load and source order.
    var guardBlocks: [(decl: GuardsDecl, path: String)] = []
    var lexiconBlocks: [(decl: LexiconDecl, path: String)] = []
    var schema = Schema()
    var lets: [String: (decl: LetDecl, path: String)] = [:]
    var letOrder: [String] = []
    var letStates: [String: LetState] = [:]
    /// Compiled patterns by source: generated and real rule
    /// sets repeat them, and compiling is the costliest step of a check.
    var patterns: [String: Pattern] = [:]
    /// The longest window any checked condition looks back over, kept as
    /// windows are checked so no later walk over every tree is needed.
    var largestWindow = 0
    /// Lint's condition models, added as each rule is checked (when linting).
    var lintModels: LintContext.Models?
    /// The rules checked so far, in set order, and where each name was first defined.
    var checkedRules: [CheckedRule] = []
    var ruleNames = RuleNameTable()
    /// Rules checked as they are parsed (see `Checker+EarlyCheck.swift`).
    var early = EarlyCheck()
    var checksAsParsed = true

    enum LetState {
        case resolving
        case resolved(CheckedExpr?)
    }

    /// Checks and lints the set. Lint warnings are added only when the set
    /// has no errors.
    public static func check(_ roots: [SourceFile], loader: (any SourceLoading)? = nil, lint: Bool = true) -> CheckResult {
        check(roots, loader: loader, lint: lint, checkingAsParsed: true)
    }

    /// `checkingAsParsed: false` always checks in the usual order, for tests
    /// that compare the two.
    static func check(_ roots: [SourceFile], loader: (any SourceLoading)?, lint: Bool, checkingAsParsed: Bool) -> CheckResult {
        var checker = Checker()
        checker.checksAsParsed = checkingAsParsed
        if lint { checker.lintModels = LintContext.Models(capacity: 0) }
        let ruleSet = checker.run(roots, loader: loader)
        if let ruleSet, let models = checker.lintModels {
            // Only the warnings the bag has room for are worded.
            let room = max(checker.diagnostics.limit - checker.diagnostics.diagnostics.count, 0)
            let lint = Linter.lint(ruleSet, context: LintContext(ruleSet, visited: models), limit: room)
            checker.diagnostics.append(contentsOf: lint.kept)
            checker.diagnostics.countDropped(lint.beyondLimit)
        }
        return CheckResult(
            ruleSet: ruleSet, diagnostics: checker.diagnostics.sorted, sources: checker.sources,
            notShown: checker.diagnostics.droppedCount)
    }

    mutating func run(_ roots: [SourceFile], loader: (any SourceLoading)?) -> CheckedRuleSet? {
        // One file without imports: its rules are checked as they are parsed.
        if roots.count == 1, checksAsParsed { early.state = .running }
        loadAll(roots, loader: loader)
        guard !diagnostics.hasErrors else { return nil }
        let checkedEarly = finishEarlyCheck()
        if !checkedEarly { buildSchema() }
        let guards = checkGuards()
        let lexicon = checkLexicon()
        if !checkedEarly {
            collectLets()
            checkRules()
        }
        let rules = checkedRules
        let checkedLets = resolveAllLets()
        guard !diagnostics.hasErrors else { return nil }
        // Without errors every window checked belongs to a rule or a `let`.
        return CheckedRuleSet(
            schema: schema,
            rules: rules,
            lets: checkedLets,
            guards: guards,
            lexicon: lexicon,
            sources: files.compactMap { sources[$0.path] },
            files: files,
            largestWindow: largestWindow
        )
    }

    // MARK: - Loading

    /// Parses the roots and, breadth-first, every file they import.
    mutating func loadAll(_ roots: [SourceFile], loader: (any SourceLoading)?) {
        var queue: [(SourceFile, importedFrom: (path: String, range: SourceRange)?)] = roots.map { ($0, nil) }
        var seen = Set<String>()
        var cursor = 0
        while cursor < queue.count {
            let (source, _) = queue[cursor]
            cursor += 1
            guard seen.insert(source.path).inserted else { continue }
            sources[source.path] = source
            // Imports, guards and lexicons are noted as items are parsed:
            // walking the items again for each reads a large file's whole
            // tree once more, from memory.
            var imports: [ImportDecl] = []
            let parsed = Parser.parse(source) { item in
                switch item {
                case .importDecl(let decl): imports.append(decl)
                case .guards(let decl): guardBlocks.append((decl, source.path))
                case .lexicon(let decl): lexiconBlocks.append((decl, source.path))
                case .schema, .letDecl, .rule: break
                }
                checkEarly(item, path: source.path)
            }
            diagnostics.append(contentsOf: parsed.diagnostics)
            files.append(parsed.file)
            for decl in imports {
                let range = decl.path.span.range
                guard let loader else {
                    report(.importFailed(decl.path.value, reason: "imports are not available here"), path: source.path, range: range)
                    continue
                }
                let resolved = loader.resolve(decl.path.value, from: source.path)
                if resolved == source.path {
                    report(.importCycle(decl.path.value), path: source.path, range: range)
                    continue
                }
                if seen.contains(resolved) || queue.contains(where: { $0.0.path == resolved }) { continue }
                do {
                    queue.append((try loader.load(resolved), (source.path, range)))
                } catch {
                    report(.importFailed(decl.path.value, reason: "\(error)"), path: source.path, range: range)
                }
            }
        }
    }

    // MARK: - Schema, guards, lexicon

    mutating func buildSchema() {
        for file in files {
            for case .schema(let decl) in file.items { addSchema(decl, path: file.path) }
        }
    }

    mutating func addSchema(_ decl: SchemaDecl, path: String) {
        for entry in decl.entries { addSchemaEntry(entry, path: path) }
    }

    private mutating func addSchemaEntry(_ entry: SchemaEntry, path: String) {
        switch entry {
        case .intents(let names, _):
            for name in names where !schema.intents.insert(name.text).inserted {
                report(.duplicateDeclaration(kind: "intent", name: name.text), path: path, range: name.span.range, severity: .warning)
            }
        case .tools(let names, _):
            for name in names where !schema.tools.insert(name.text).inserted && name.text != Schema.escalationTool {
                report(.duplicateDeclaration(kind: "tool", name: name.text), path: path, range: name.span.range, severity: .warning)
            }
        case .apis(let apis, _):
            for api in apis {
                if schema.apis[api.name.text] != nil {
                    report(.duplicateDeclaration(kind: "API", name: api.name.text), path: path, range: api.name.span.range)
                    continue
                }
                // `updateValue`: assigning a nil status list through the subscript would drop the key.
                schema.apis.updateValue(api.statuses.map { Set($0.map(\.value)) }, forKey: api.name.text)
            }
        case .metadata(let fields, _):
            for field in fields {
                guard let type = FieldType(rawValue: field.type.text) else {
                    let suggestion = Suggestions.closest(to: field.type.text, among: FieldType.allCases.map(\.rawValue))
                    report(.unknownFieldType(field.type.text), path: path, range: field.type.span.range, help: suggestion.map { "did you mean `\($0)`?" })
                    continue
                }
                if schema.metadata[field.name.text] != nil {
                    report(.duplicateDeclaration(kind: "metadata field", name: field.name.text), path: path, range: field.name.span.range)
                    continue
                }
                schema.metadata[field.name.text] = type
            }
        }
    }

    mutating func checkGuards() -> LoopGuards {
        var guards = LoopGuards()
        var seenBlock = false
        for (decl, path) in guardBlocks {
            if seenBlock {
                report(.duplicateGuards, path: path, range: decl.span.range)
                continue
            }
            seenBlock = true
            for entry in decl.entries {
                switch entry {
                case .cooldown(let turns, let span):
                    if guards.cooldownTurns != nil { report(.duplicateSetting("cooldown"), path: path, range: span.range) }
                    if !(1...1_000).contains(turns.value) {
                        report(.invalidGuard("cooldown must be 1 to 1000 turns"), path: path, range: turns.span.range)
                    }
                    guards.cooldownTurns = turns.value
                case .maxEscalations(let count, let span):
                    if guards.maxEscalations != nil { report(.duplicateSetting("max_escalations"), path: path, range: span.range) }
                    if !(1...1_000).contains(count.value) {
                        report(.invalidGuard("max_escalations must be 1 to 1000"), path: path, range: count.span.range)
                    }
                    guards.maxEscalations = count.value
                }
            }
        }
        return guards
    }

    mutating func checkLexicon() -> [LexiconWord] {
        var words: [LexiconWord] = []
        var seen: [String: SourceRange] = [:]
        for (decl, path) in lexiconBlocks {
            for entry in decl.entries {
                let phrase = entry.phrase.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ").lowercased()
                if phrase.isEmpty {
                    report(.emptyPhrase, path: path, range: entry.phrase.span.range)
                    continue
                }
                if !(-4...4).contains(entry.valence) {
                    report(.lexiconValence, path: path, range: entry.valenceSpan.range)
                    continue
                }
                if seen[phrase] != nil {
                    report(.duplicateDeclaration(kind: "lexicon entry", name: phrase), path: path, range: entry.phrase.span.range)
                    continue
                }
                seen[phrase] = entry.phrase.span.range
                words.append(LexiconWord(phrase: phrase, valence: entry.valence))
            }
        }
        return words
    }

    // MARK: - Reporting

    mutating func report(
        _ message: CheckerMessage,
        path: String,
        range: SourceRange,
        severity: Severity = .error,
        help: String? = nil,
        notes: [DiagnosticNote] = []
    ) {
        diagnostics.append(Diagnostic(
            code: message.code,
            severity: severity,
            message: message.text,
            path: path,
            range: range,
            help: help,
            notes: notes
        ))
    }
}
