import BatonCore
import BatonTestSupport
import Foundation
import Testing
@testable import BatonCLI

/// Paths and helpers shared by the CLI tests. Fixtures are read from the
/// source tree (not the bundle) so `RECORD_SNAPSHOTS=1` can rewrite goldens
/// beside them; output paths are made relative to the repository root so
/// goldens do not depend on where the repository is checked out.
enum CLIFixtures {
    static let root = repositoryRoot()
    static let folder = "Tests/BatonCLITests/Fixtures"

    /// An absolute path under the fixtures folder.
    static func path(_ relative: String) -> String { "\(root)/\(folder)/\(relative)" }

    /// An absolute path under the repository.
    static func repo(_ relative: String) -> String { "\(root)/\(relative)" }

    /// A fixture read into memory under its repository-relative path, so
    /// diagnostics name `Tests/BatonCLITests/Fixtures/...`.
    static func source(_ relative: String) throws -> SourceFile {
        let data = try #require(FileManager.default.contents(atPath: path(relative)))
        return SourceFile(path: "\(folder)/\(relative)", bytes: [UInt8](data))
    }

    /// Output with the repository prefix removed from every path.
    static func relativize(_ text: String) -> String {
        text.replacingOccurrences(of: root + "/", with: "")
    }

    /// Fails the test when `actual` differs from the golden file (see `snapshotMismatch`).
    static func expectGolden(_ actual: String, _ golden: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        if let problem = snapshotMismatch(relativize(actual), goldenPath: path(golden)) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }
}

/// Collects what a command writes.
final class OutputBuffer: @unchecked Sendable {
    private(set) var text = ""
    func write(_ chunk: String) { text += chunk }
}
