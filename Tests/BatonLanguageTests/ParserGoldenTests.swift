import BatonCore
import BatonLanguage
import BatonTestSupport
import Foundation
import Testing

/// Each `Fixtures/parse/NAME.baton` has a golden `NAME.ast` (when it parses)
/// or `NAME.diagnostics` (the rendered errors). `RECORD_SNAPSHOTS=1` rewrites them.
@Suite("Parser golden files")
struct ParserGoldenTests {
    static let folder = repositoryRoot() + "/Tests/BatonLanguageTests/Fixtures/parse"

    static var fixtures: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".baton") }
            .sorted()
    }

    @Test(arguments: fixtures)
    func golden(name: String) throws {
        let path = Self.folder + "/" + name
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let source = SourceFile(path: name, bytes: [UInt8](bytes))
        let result = Parser.parse(source)
        let base = Self.folder + "/" + name.dropLast(".baton".count)
        let actual: String
        let golden: String
        if result.hasErrors {
            actual = result.diagnostics.map { DiagnosticFormatter().format($0, source: source) }.joined()
            golden = base + ".diagnostics"
        } else {
            actual = ASTDump.dump(result.file)
            golden = base + ".ast"
        }
        if let mismatch = snapshotMismatch(actual, goldenPath: golden) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }
}
