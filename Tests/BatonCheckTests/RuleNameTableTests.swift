@testable import BatonCheck
import BatonCore
import Testing

/// The checker's table of rule names, checked against a dictionary.
@Suite("Checker: rule name table")
struct RuleNameTableTests {
    /// Across growth, every repeated name finds where it was first defined,
    /// names that share a prefix or a length stay apart, and non-ASCII names
    /// compare as `String` does (a precomposed and a decomposed "é" are one name).
    @Test func agreesWithDictionary() {
        var names = (0..<3_000).map { "r\(($0 &* 7_919) % 1_200)" }
        names += ["r1", "r12", "r120", "café", "cafe\u{301}", "café", "", "_"]
        var table = RuleNameTable()
        table.reserveCapacity(10)
        var reference: [String: (path: String, range: SourceRange)] = [:]
        for (index, name) in names.enumerated() {
            let path = index.isMultiple(of: 2) ? "a.baton" : "b.baton"
            let range = SourceRange(start: index, end: index + 1)
            let first = table.firstDefinition(of: name, path: path, range: range)
            #expect(first?.path == reference[name]?.path, "\(name)")
            #expect(first?.range == reference[name]?.range, "\(name)")
            if reference[name] == nil { reference[name] = (path, range) }
        }
    }
}
