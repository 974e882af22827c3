import BatonCheck
public import BatonCore

/// Why rules could not be loaded: every diagnostic (errors and warnings)
/// and the sources they point into, ready for `DiagnosticFormatter`.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public var sources: [String: SourceFile]
    /// Diagnostics found beyond the checker's limit and not listed.
    public var notShown: Int

    public init(diagnostics: [Diagnostic], sources: [String: SourceFile], notShown: Int = 0) {
        self.diagnostics = diagnostics
        self.sources = sources
        self.notShown = notShown
    }

    /// The errors, one per line, as `path:line:col: message`, and how many
    /// diagnostics were left out, if any.
    public var description: String {
        var lines = diagnostics.filter { $0.severity == .error }.map { diagnostic in
            if let source = sources[diagnostic.path] {
                let location = source.location(of: diagnostic.range.start)
                return "\(diagnostic.path):\(location.line):\(location.column): \(diagnostic.message)"
            }
            return "\(diagnostic.path): \(diagnostic.message)"
        }
        if notShown > 0 { lines.append("(\(notShown) more not shown)") }
        return lines.joined(separator: "\n")
    }
}

/// Reads and checks a rule set from disk: all `paths` together form one set.
enum RuleSetLoader {
    static func load(paths: [String]) throws(RuleLoadError) -> CheckedRuleSet {
        let (sets, problems) = RuleFiles.discover(paths)
        guard problems.isEmpty else {
            throw RuleLoadError(diagnostics: problems.map(\.diagnostic), sources: [:])
        }
        let roots = sets.flatMap(\.sources)
        guard !roots.isEmpty else {
            throw RuleLoadError(diagnostics: [Diagnostic(code: "E0001", severity: .error, message: "no rule files given", path: "", range: .empty)], sources: [:])
        }
        let result = Checker.check(roots, loader: FileSourceLoader(), lint: false)
        guard let ruleSet = result.ruleSet, !result.hasErrors else {
            throw RuleLoadError(diagnostics: result.diagnostics, sources: result.sources, notShown: result.notShown)
        }
        return ruleSet
    }
}
