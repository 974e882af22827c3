import BatonCore

/// The soundness check `baton fmt` runs on every file (as cedar's formatter
/// does): the output must parse back to the same rules with the same comments.
extension Formatter {
    /// True when `formatted` parses without errors to rules equivalent to
    /// `original` (see `isEquivalent`) and holds the same comments (compared
    /// without trailing blanks, which the formatter removes).
    ///
    /// Costs one parse; cheap enough to run on every `baton fmt`.
    public static func verify(original: RuleFile, formatted: String, path: String) -> Bool {
        let reparsed = Parser.parse(SourceFile(path: path, text: formatted))
        guard !reparsed.hasErrors, isEquivalent(original, reparsed.file) else { return false }
        return commentTexts(original) == commentTexts(reparsed.file)
    }

    /// True when two files hold the same rules: equal trees (spans are
    /// ignored by `==`) once each rule's settings are in `settingOrder`.
    ///
    /// Setting order is the one thing formatting changes in the tree; it has
    /// no meaning, and the sort is stable, so repeated settings keep their
    /// relative order. Unlike `==`, this never recurses along a long
    /// `or`/`and` chain.
    public static func isEquivalent(_ lhs: RuleFile, _ rhs: RuleFile) -> Bool {
        lhs.items.count == rhs.items.count
            && zip(lhs.items, rhs.items).allSatisfy { TreeEquivalence.items(canonical($0), canonical($1)) }
    }

    /// `settings` in `settingOrder`, keeping the written order among equal keywords.
    static func canonicalOrder(_ settings: [RuleSetting]) -> [RuleSetting] {
        settings.enumerated()
            .sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .map(\.element)
    }

    private static func rank(_ setting: RuleSetting) -> Int {
        settingOrder.firstIndex(of: setting.keyword) ?? settingOrder.count
    }

    private static func canonical(_ item: Item) -> Item {
        guard case .rule(var rule) = item else { return item }
        rule.settings = canonicalOrder(rule.settings)
        return .rule(rule)
    }

    private static func commentTexts(_ file: RuleFile) -> [String] {
        file.comments.map { CommentPlacer.trimmed($0.text) }.sorted()
    }
}
