import BatonTestSupport
import Foundation
import Testing

/// `baton fmt`: in place, `--check`, standard input, and refusal of broken files.
@Suite("baton fmt")
struct FmtCommandTests {
    static let fixtures = repositoryRoot() + "/Tests/BatonCLITests/Fixtures/fmt"

    static let messyFormatted = """
    schema {
      intents wismo
    }

    rule a { # keep me
      when intent == wismo
      then escalate reason "x"
    }

    """

    func copyFixtures() throws -> String {
        let folder = NSTemporaryDirectory() + "baton-fmt-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: Self.fixtures, toPath: folder)
        return folder
    }

    @Test func rewritesInPlaceAndThenIsStable() throws {
        let folder = try copyFixtures()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try runBaton(["fmt", "messy.baton"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let text = try String(contentsOfFile: folder + "/messy.baton", encoding: .utf8)
        #expect(text == Self.messyFormatted)
        let check = try runBaton(["fmt", "--check", "messy.baton"], in: folder)
        #expect(check.status == 0)
        #expect(check.stdout.isEmpty)
    }

    @Test func checkListsFilesThatWouldChange() throws {
        let folder = try copyFixtures()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try runBaton(["fmt", "--check", "messy.baton"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout == "messy.baton\n")
        // --check writes nothing.
        let text = try String(contentsOfFile: folder + "/messy.baton", encoding: .utf8)
        #expect(text != Self.messyFormatted)
    }

    @Test func brokenFilesAreReportedAndLeftAlone() throws {
        let folder = try copyFixtures()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = try String(contentsOfFile: folder + "/broken.baton", encoding: .utf8)
        let result = try runBaton(["fmt", "."], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.baton:3:1: error:"))
        #expect(try String(contentsOfFile: folder + "/broken.baton", encoding: .utf8) == before)
        // The good file in the same folder was still formatted.
        #expect(try String(contentsOfFile: folder + "/messy.baton", encoding: .utf8) == Self.messyFormatted)
    }

    @Test func standardInputToStandardOutput() throws {
        let input = try String(contentsOfFile: Self.fixtures + "/messy.baton", encoding: .utf8)
        let result = try runBaton(["fmt", "-"], in: Self.fixtures, input: input)
        #expect(result.status == 0)
        #expect(result.stdout == Self.messyFormatted)
        let broken = try runBaton(["fmt", "-"], in: Self.fixtures, input: "rule {")
        #expect(broken.status == 1)
        #expect(broken.stdout.isEmpty)
        #expect(broken.stderr.contains("<stdin>:1:6: error:"))
    }

    @Test func usage() throws {
        #expect(try runBaton(["fmt"], in: Self.fixtures).status == 2)
        #expect(try runBaton(["fmt", "-", "messy.baton"], in: Self.fixtures).status == 2)
    }
}
