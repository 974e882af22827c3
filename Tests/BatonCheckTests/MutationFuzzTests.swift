import BatonCheck
import BatonCore
import BatonLanguage
import BatonTestSupport
import Foundation
import Testing

/// Seeded random mutations of real rule files, fed through lint and fmt:
/// every one must end in diagnostics or success (never a crash or hang),
/// and whatever parses must format to text that parses to the same tree.
@Suite("Mutation fuzzing")
struct MutationFuzzTests {
    static let batches = 10
    static let mutationsPerBatch = 1_000

    /// The seed files: the bundled rules and the test fixtures.
    static let seeds: [[UInt8]] = {
        let root = repositoryRoot()
        var paths = ["rules"].flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? [])
                .filter { $0.hasSuffix(".baton") }
                .map { root + "/" + folder + "/" + $0 }
        }
        for folder in ["Tests/BatonCheckTests/Fixtures/check", "Tests/BatonLanguageTests/Fixtures/parse"] {
            paths += ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? [])
                .filter { $0.hasSuffix(".baton") }
                .map { root + "/" + folder + "/" + $0 }
        }
        return paths.sorted().compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }.filter { !$0.isEmpty }
    }()

    static let fragments: [[UInt8]] = [
        "{", "}", "(", ")", "[", "]", ",", ".", "\"", "#", "\n", "==", "-", "and ", "or ", "not ",
        "rule x {", "when ", "then ", "escalate ", "let y = ", "schema {", "intent in [", "avg(sentiment, last 3)",
        "last 99", "5xx", "{metadata.", "\\", "1e9", "0.", "matches \"(a|\"", "shadow ", "import \"x\"",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0x00], [0xF0, 0x9F, 0x98, 0x80]]

    @Test(arguments: 0..<batches)
    func mutations(batch: Int) {
        #expect(Self.seeds.count >= 5)
        var random = SeededRandom(seed: UInt64(batch) &* 0x9E37_79B9 &+ 17)
        for index in 0..<Self.mutationsPerBatch {
            let seed = Self.seeds[random.next(Self.seeds.count)]
            let bytes = Self.mutate(seed, &random)
            let source = SourceFile(path: "mutant-\(batch)-\(index).baton", bytes: bytes)

            let checked = Checker.check([source])
            if checked.hasErrors {
                #expect(checked.ruleSet == nil)
            } else {
                #expect(checked.ruleSet != nil)
            }

            let parsed = Parser.parse(source)
            switch Formatter.format(source: source) {
            case .formatted(let text):
                #expect(!parsed.hasErrors)
                let reparsed = Parser.parse(SourceFile(path: source.path, text: text))
                #expect(!reparsed.hasErrors, "formatted mutant \(batch)-\(index) does not parse")
                #expect(Formatter.isEquivalent(parsed.file, reparsed.file), "mutant \(batch)-\(index) changed meaning")
                #expect(Formatter.format(reparsed.file, source: SourceFile(path: source.path, text: text)) == text, "fmt is not idempotent on mutant \(batch)-\(index)")
            case .failed(let diagnostics):
                #expect(!diagnostics.isEmpty)
                #expect(parsed.hasErrors, "fmt refused a file that parses: mutant \(batch)-\(index)")
            }
        }
    }

    static func mutate(_ seed: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + random.next(3)) {
            let position = random.next(bytes.count + 1)
            switch random.next(6) {
            case 0 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + random.next(40))
                bytes.removeSubrange(min(position, bytes.count)..<end)
            case 1:
                bytes.insert(contentsOf: fragments[random.next(fragments.count)], at: position)
            case 2 where !bytes.isEmpty:
                let start = random.next(bytes.count)
                let end = min(bytes.count, start + 1 + random.next(60))
                bytes.insert(contentsOf: Array(bytes[start..<end]), at: position)
            case 3:
                bytes = Array(bytes.prefix(position))
            case 4 where !bytes.isEmpty:
                bytes[min(position, bytes.count - 1)] = UInt8(random.next(256))
            default:
                let a = random.next(bytes.count + 1)
                let b = random.next(bytes.count + 1)
                if a != b, max(a, b) <= bytes.count {
                    bytes.swapAt(min(a, bytes.count - 1), min(b, bytes.count - 1))
                }
            }
        }
        return bytes
    }
}
