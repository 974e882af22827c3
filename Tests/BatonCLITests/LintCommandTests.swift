import BatonCLI
import BatonTestSupport
import Foundation
import Testing

/// `baton lint`: rendered output in each format as golden files, and exit
/// codes from the real executable.
@Suite("baton lint")
struct LintCommandTests {
    static let fixtures = repositoryRoot() + "/Tests/BatonCLITests/Fixtures/lint"

    static let formats: [String] = ["text", "json", "sarif"]

    @Test(arguments: formats)
    func goldenOutput(format: String) throws {
        let result = try runBaton(["lint", "--format", format, "--color", "never", "set", "warnings_only.baton"], in: Self.fixtures)
        #expect(result.status == 1)
        let golden = Self.fixtures + "/expected.\(format)"
        if let mismatch = snapshotMismatch(result.stdout, goldenPath: golden) {
            Issue.record(Comment(rawValue: mismatch))
        }
    }

    static let exitCases: [([String], Int32)] = [
        (["lint", "clean.baton"], 0),
        (["lint", "warnings_only.baton"], 0),
        (["lint", "--strict", "warnings_only.baton"], 1),
        (["lint", "set"], 1),
        (["lint", "no-such-file.baton"], 1),
        (["lint"], 2),
        (["lint", "--format", "yaml", "clean.baton"], 2),
        (["lint", "--bogus", "clean.baton"], 2),
        (["lint", "--list-rules"], 0),
    ]

    @Test(arguments: exitCases)
    func exitCodes(arguments: [String], status: Int32) throws {
        let result = try runBaton(arguments, in: Self.fixtures)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    /// 150 pairs of rules with one condition: 300 warnings, more than a
    /// rule set lists.
    static func manyWarnings() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var text = "schema {\n  intents wismo\n}\n"
        for pair in 0..<150 {
            for name in ["a", "b"] {
                text += "rule \(name)\(pair) {\n  when intent == wismo and confidence >= 0.\(pair % 9 + 1)\n  then escalate reason \"r\"\n}\n"
            }
        }
        try text.write(to: folder.appendingPathComponent("many.baton"), atomically: true, encoding: .utf8)
        return folder.path
    }

    @Test func saysHowManyDiagnosticsAreNotShown() throws {
        let folder = try Self.manyWarnings()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try runBaton(["lint", "--color", "never", "many.baton"], in: folder)
        #expect(text.status == 0)
        let summary = text.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(summary.hasPrefix("1 file checked: 0 errors, 200 warnings; "), "\(summary)")
        #expect(summary.hasSuffix(" more not shown (a rule set lists its first 200)"), "\(summary)")
        let notShown = Int(summary.split(separator: ";")[1].split(separator: " ")[0]) ?? 0
        #expect(notShown >= 100)

        let json = try runBaton(["lint", "--format", "json", "many.baton"], in: folder)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["not_shown"] as? Int == notShown)
        #expect((document["diagnostics"] as? [Any])?.count == 200)

        let sarif = try runBaton(["lint", "--format", "sarif", "many.baton"], in: folder)
        #expect(sarif.stdout.contains("\"toolExecutionNotifications\""))
        #expect(sarif.stdout.contains("\(notShown) more diagnostics not shown"))
    }

    @Test func usageErrorsExplainThemselves() throws {
        let result = try runBaton(["lint"], in: Self.fixtures)
        #expect(result.stderr.contains("name at least one rule file or folder"))
    }
}

/// Runs the `baton` executable built next to the test bundle.
func runBaton(_ arguments: [String], in directory: String, input: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = batonExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let stdout = Pipe()
    let stderr = Pipe()
    let stdin = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = stdin
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

func batonExecutable() -> URL {
    // The test bundle lives in the build folder beside the products.
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("baton").path) {
        folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("baton")
}
