import BatonCore
import BatonLanguage

/// Checking a file's rules as they are parsed. A rule checked right after
/// parsing is read while its tree is still in cache; checked after the
/// whole file is parsed, a large file's trees miss the cache on nearly
/// every node.
///
/// A rule may use a `let` or schema entry declared later (or imported), so
/// this holds only for a file that declares everything before it is used.
/// The early results are kept only when they must equal the usual order's:
/// one root file, no `import`, no `schema` after the first rule, and not
/// one diagnostic from the early checks (an unknown name, say, could be a
/// `let` declared further down). Otherwise the checker starts over in the
/// usual order and reports exactly what it always did.
extension Checker {
    struct EarlyCheck {
        enum State {
            case off, running, abandoned
        }

        /// Items are checked a batch at a time: one item each would switch
        /// between parser and checker code too often for the instruction
        /// cache, while a batch's trees still sit in the data caches.
        static let batchSize = 64

        var state = State.off
        var sawRule = false
        /// Whether the rule tables were sized for the whole file yet.
        var isSized = false
        var pending: [Item] = []
        /// Reports of the early checks, kept apart: any at all abandons them.
        var diagnostics = DiagnosticBag()
    }

    /// Takes in an item the parser has just read.
    mutating func checkEarly(_ item: Item, path: String) {
        guard early.state == .running else { return }
        early.pending.append(item)
        if early.pending.count == EarlyCheck.batchSize { checkPending(path: path) }
    }

    /// Checks the items waiting in `early.pending`, in order.
    private mutating func checkPending(path: String) {
        var items: [Item] = []
        swap(&items, &early.pending)
        defer {
            // The buffer is kept for the next batch.
            items.removeAll(keepingCapacity: true)
            swap(&items, &early.pending)
        }
        if !early.isSized, let last = items.last, let length = sources[path]?.bytes.count {
            early.isSized = true
            reserveRules(Parser.estimatedTotal(items.count, endingAt: last.span.range.end, of: length))
        }
        for item in items where early.state == .running { checkItem(item, path: path) }
    }

    /// Room for `count` rules, so the largest tables do not regrow (and copy) as rules come in.
    private mutating func reserveRules(_ count: Int) {
        checkedRules.reserveCapacity(count)
        ruleNames.reserveCapacity(count)
        lintModels?.reserve(count)
    }

    private mutating func checkItem(_ item: Item, path: String) {
        swap(&diagnostics, &early.diagnostics)
        defer { swap(&diagnostics, &early.diagnostics) }
        switch item {
        case .importDecl:
            early.state = .abandoned
        case .schema(let decl):
            if early.sawRule { early.state = .abandoned } else { addSchema(decl, path: path) }
        case .guards, .lexicon:
            // Rules do not read these; they are checked with the whole set.
            break
        case .letDecl(let decl):
            collectLet(decl, path: path)
        case .rule(let decl):
            early.sawRule = true
            addRule(decl, path: path)
        }
        if !diagnostics.diagnostics.isEmpty || diagnostics.droppedCount > 0 { early.state = .abandoned }
    }

    /// Whether the rules were all checked early and stand; if not, every
    /// trace of the early checks is dropped so the usual order starts afresh.
    mutating func finishEarlyCheck() -> Bool {
        defer { early = EarlyCheck() }
        if let path = files.first?.path { checkPending(path: path) }
        if early.state == .running, files.count == 1 { return true }
        guard early.state != .off else { return false }
        schema = Schema()
        lets = [:]
        letOrder = []
        letStates = [:]
        largestWindow = 0
        checkedRules = []
        ruleNames = RuleNameTable()
        if lintModels != nil { lintModels = LintContext.Models(capacity: 0) }
        return false
    }
}
