import BatonCore
import BatonLanguage
import BatonTestSupport
import Foundation
import Testing

/// Foundation declares a `Formatter` class too; the module name keeps this
/// file unambiguous wherever both are visible.
private typealias BatonFormatter = BatonLanguage.Formatter

/// The formatter: golden files, soundness and idempotence on every fixture,
/// single behaviours, and seeded mutations.
@Suite("Formatter")
struct FormatterTests {
    /// Golden files under `Fixtures/format/`: `NAME.baton` formats to
    /// `NAME.formatted.baton`. `RECORD_SNAPSHOTS=1` rewrites the expected files
    /// in the source tree and fails the test, so recording is never silent.
    @Suite("golden files")
    struct Golden {
        @Test func everyGrammarConstructHasFixtures() throws {
            #expect(FormatFixtures.names.count >= 8)
            for name in FormatFixtures.names {
                #expect(FormatFixtures.read(name + ".formatted.baton") != nil, "missing \(name).formatted.baton")
            }
        }

        @Test(arguments: FormatFixtures.names)
        func golden(_ name: String) throws {
            let output = try format(#require(FormatFixtures.read(name + ".baton")), path: name)
            let expected = FormatFixtures.read(name + ".formatted.baton")
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
                let path = FormatFixtures.sourceFolder + "/" + name + ".formatted.baton"
                try output.write(toFile: path, atomically: true, encoding: .utf8)
                Issue.record("recorded \(name).formatted.baton; run again without RECORD_SNAPSHOTS")
                return
            }
            let golden = try #require(expected, "missing \(name).formatted.baton; run with RECORD_SNAPSHOTS=1")
            #expect(output == golden, "\(name) differs:\n\(lineDiff(expected: golden, actual: output))")
        }

        @Test(arguments: FormatFixtures.names)
        func formattingTwiceChangesNothing(_ name: String) throws {
            let once = try format(#require(FormatFixtures.read(name + ".baton")), path: name)
            let twice = try format(once, path: name)
            #expect(twice == once, "\(name) is not idempotent:\n\(lineDiff(expected: once, actual: twice))")
        }

        @Test(arguments: FormatFixtures.names)
        func expectedFilesAreAlreadyCanonical(_ name: String) throws {
            let golden = try #require(FormatFixtures.read(name + ".formatted.baton"))
            #expect(try format(golden, path: name) == golden)
        }

        @Test(arguments: FormatFixtures.names)
        func parsesBackToTheSameRules(_ name: String) throws {
            let text = try #require(FormatFixtures.read(name + ".baton"))
            let original = Parser.parse(SourceFile(path: name, text: text)).file
            let output = try format(text, path: name)
            let reparsed = Parser.parse(SourceFile(path: name, text: output))
            #expect(!reparsed.hasErrors)
            #expect(BatonFormatter.isEquivalent(original, reparsed.file))
            #expect(BatonFormatter.verify(original: original, formatted: output, path: name))
        }

        @Test(arguments: FormatFixtures.names)
        func keepsEveryComment(_ name: String) throws {
            let text = try #require(FormatFixtures.read(name + ".baton"))
            let output = try format(text, path: name)
            let before = commentTexts(text)
            let after = commentTexts(output)
            #expect(after == before)
            if name == "comments" { #expect(before.count >= 30) }
        }

        /// The fixture holds every example of the grammar verbatim, and each
        /// example also formats soundly on its own.
        @Test func everyGrammarExampleFormats() throws {
            let grammar = try String(contentsOfFile: repositoryRoot() + "/grammar/baton.ebnf", encoding: .utf8)
            let examples = grammar.components(separatedBy: "(* example:\n").dropFirst().map { $0.components(separatedBy: "*)")[0] }
            #expect(examples.count >= 9)
            let fixture = try #require(FormatFixtures.read("grammar_examples.baton"))
            for example in examples {
                #expect(fixture.contains(example), "grammar_examples.baton lacks:\n\(example)")
                let output = try format(example, path: "example.baton")
                #expect(try format(output, path: "example.baton") == output)
                let original = Parser.parse(SourceFile(path: "example.baton", text: example)).file
                #expect(BatonFormatter.verify(original: original, formatted: output, path: "example.baton"))
            }
        }
    }

    /// Small inputs for one behaviour each.
    @Suite("behaviour")
    struct Behaviour {
        @Test(arguments: [
            ("let x = (a and b)", "let x = a and b"),
            ("let x = (a or b) and c", "let x = (a or b) and c"),
            ("let x = a or (b or c)", "let x = a or (b or c)"),
            ("let x = (a or b) or c", "let x = a or b or c"),
            ("let x = a and (b and c)", "let x = a and (b and c)"),
            ("let x = not (a and b)", "let x = not (a and b)"),
            ("let x = not (a == b)", "let x = not a == b"),
            ("let x = (a == b) == c", "let x = (a == b) == c"),
            ("let x = -(a)", "let x = -a"),
            ("let x = - - a", "let x = --a"),
            ("let x = count((last_turn))", "let x = count(last_turn)"),
            ("let x = intent was (intent was [a]) within last 3", "let x = intent was (intent was [a]) within last 3"),
            ("let x = [(a or b), (c)]", "let x = [(a or b), c]"),
        ])
        func parenthesesOnlyWherePrecedenceNeedsThem(input: String, expected: String) throws {
            #expect(try format(input) == expected + "\n")
        }

        @Test(arguments: [
            ("let x = y < - 3", "let x = y < -3"),
            ("let x = y < -(3)", "let x = y < -3"),
            ("let x = y < --3", "let x = y < 3"),
            ("let x = y < 0.50", "let x = y < 0.50"),
            ("let x = y < 500", "let x = y < 500"),
            ("let x = y < 500.0", "let x = y < 500.0"),
            ("let x = y < 007.5", "let x = y < 7.5"),
            ("guards { cooldown 05 turns }", "guards {\n  cooldown 5 turns\n}"),
            ("lexicon { \"a\" - 1.50 }", "lexicon {\n  \"a\" -1.50\n}"),
        ])
        func numbersKeepTheirWrittenDigits(input: String, expected: String) throws {
            #expect(try format(input) == expected + "\n")
        }

        @Test func stringsAreWrittenBackExactly() throws {
            let pattern = #""\b(a|b)\b\s\d\.\{\}\"\\\t""#
            #expect(try format("let x = message matches \(pattern)") == "let x = message matches \(pattern)\n")
        }

        @Test func singleEqualsIsRefused() {
            #expect(Formatter.format(source: SourceFile(path: "t.baton", text: "let x = a = b")).diagnostics.map(\.code) == ["E0100"])
        }

        @Test func conditionBreaksPastOneHundredColumns() throws {
            let fits = "let x = " + String(repeating: "a", count: 40) + " or " + String(repeating: "b", count: 48)
            #expect(fits.count == 100)
            #expect(try format(fits) == fits + "\n")
            let tooLong = fits + "c"
            let expected = "let x = " + String(repeating: "a", count: 40) + "\n  or " + String(repeating: "b", count: 48) + "c\n"
            #expect(try format(tooLong) == expected)
        }

        @Test func settingsComeOutInCanonicalOrderWithTheirComments() throws {
            let input = """
            rule r {
              # about priority
              priority 1 # one
              description "d"
              when x
              then continue
            }
            """
            let expected = """
            rule r {
              description "d"
              # about priority
              priority 1 # one
              when x
              then continue
            }

            """
            #expect(try format(input) == expected)
            let original = Parser.parse(SourceFile(path: "r.baton", text: input)).file
            let reparsed = Parser.parse(SourceFile(path: "r.baton", text: expected)).file
            #expect(original != reparsed)
            #expect(BatonFormatter.isEquivalent(original, reparsed))
        }

        @Test func windowsLineEndingsAndByteOrderMark() throws {
            let input = "\u{FEFF}# header\r\nlet x = a # trailing\r\n\r\nlet y = b\r\n"
            #expect(try format(input) == "# header\nlet x = a # trailing\n\nlet y = b\n")
        }

        @Test func refusesFilesWithSyntaxErrors() {
            let source = SourceFile(path: "bad.baton", text: "rule a {\n  when x\n  then continue\n}\nrule b { when }\n")
            let result = BatonFormatter.format(source: source)
            #expect(result.output == nil)
            #expect(result.diagnostics == Parser.parse(source).diagnostics)
            #expect(!result.diagnostics.isEmpty)
        }

        @Test func verifyRejectsOutputThatChangesTheRulesOrDropsAComment() {
            let original = Parser.parse(SourceFile(path: "a.baton", text: "# keep me\nlet x = a and b\n")).file
            #expect(BatonFormatter.verify(original: original, formatted: "# keep me\nlet x = a and b\n", path: "a.baton"))
            #expect(!BatonFormatter.verify(original: original, formatted: "# keep me\nlet x = a or b\n", path: "a.baton"))
            #expect(!BatonFormatter.verify(original: original, formatted: "let x = a and b\n", path: "a.baton"))
            #expect(!BatonFormatter.verify(original: original, formatted: "# keep me\nlet x = a and\n", path: "a.baton"))
        }

        /// A chain of n operands is a tree n levels deep; nothing may recurse along it.
        @Test func longChainsDoNotOverflowTheStack() throws {
            let operands = (0..<Parser.maxChainLength).map { "intent == i\($0)" }
            let input = "let x = " + operands.joined(separator: " or ")
            let output = try format(input)
            #expect(output.split(separator: "\n").count == Parser.maxChainLength)
            #expect(try format(output) == output)
        }

        /// Nesting up to the parser's limit formats soundly, including groups
        /// that must break at every level.
        @Test func deepNestingFormats() throws {
            let parens = "let x = " + String(repeating: "(", count: 100) + "a or b" + String(repeating: ")", count: 100) + " and c"
            #expect(try format(parens) == "let x = (a or b) and c\n")
            let nots = "let x = " + String(repeating: "not ", count: 100) + "a"
            #expect(try format(nots) == nots + "\n")
            let long = String(repeating: "q", count: 30)
            let groups = "let x = " + (0..<40).map { "\(long)\($0) or (" }.joined() + "z" + String(repeating: ")", count: 40)
            let output = try format(groups)
            #expect(try format(output) == output)
        }

        @Test func commentInsideAFoldedNumberIsKept() throws {
            let output = try format("let x = y < -( # why\n 3)")
            // `# why` has code before it on its line, so it stays a trailing comment.
            #expect(output == "let x = y < -3 # why\n")
        }

        /// Seeded random edits of the fixtures: whatever still parses must format
        /// to text that parses back to the same rules and is a fixed point.
        /// `FORMAT_MUTATIONS=N` runs N mutants instead of 2,000 (for a long soak).
        @Test func mutatedFixturesStaySoundAndIdempotent() throws {
            let count = ProcessInfo.processInfo.environment["FORMAT_MUTATIONS"].flatMap { Int($0) } ?? 2_000
            var random = SeededRandom(seed: 0xBA70)
            let inputs = FormatFixtures.names.compactMap { FormatFixtures.read($0 + ".baton") }
            var parsed = 0
            var failures: [String] = []
            for _ in 0..<count {
                let mutant = mutate(inputs[Int(random.next() % UInt64(inputs.count))], &random)
                let source = SourceFile(path: "mutant.baton", text: mutant)
                let result = Parser.parse(source)
                guard !result.hasErrors else { continue }
                parsed += 1
                let once = BatonFormatter.format(result.file, source: source)
                let sound = BatonFormatter.verify(original: result.file, formatted: once, path: "mutant.baton")
                let twice = BatonFormatter.format(source: SourceFile(path: "mutant.baton", text: once)).output
                if !sound || twice != once, failures.count < 3 {
                    failures.append("sound: \(sound)\n--- input\n\(mutant)\n--- output\n\(once)")
                }
            }
            #expect(parsed >= count / 5)
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        }
    }
}

// MARK: - Helpers

private enum FormatFixtures {
    static let sourceFolder = repositoryRoot() + "/Tests/BatonLanguageTests/Fixtures/format"
    static let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("format")

    /// Input fixture names, without `.baton`.
    static let names: [String] = {
        guard let folder, let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return files.filter { $0.hasSuffix(".baton") && !$0.hasSuffix(".formatted.baton") }
            .map { String($0.dropLast(".baton".count)) }
            .sorted()
    }()

    static func read(_ file: String) -> String? {
        guard let url = folder?.appendingPathComponent(file), let data = FileManager.default.contents(atPath: url.path) else {
            return nil
        }
        return String(decoding: data, as: UTF8.self)
    }
}

private struct FormatFailure: Error, CustomStringConvertible {
    var description: String
}

private func format(_ text: String, path: String = "test.baton") throws -> String {
    let result = BatonFormatter.format(source: SourceFile(path: path, text: text))
    guard let output = result.output else {
        throw FormatFailure(description: result.diagnostics.map { "\($0.code) \($0.message)" }.joined(separator: "\n"))
    }
    return output
}

/// The multiset of comment texts (sorted), without the trailing blanks the formatter removes.
private func commentTexts(_ text: String) -> [String] {
    Lexer.tokenize(SourceFile(path: "c.baton", text: text)).comments.map {
        var text = Substring($0.text)
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }.sorted()
}

/// One to four random edits at token boundaries. Most keep the file valid
/// and stress the formatter (comments and line breaks anywhere, parentheses
/// around tokens); some delete or insert tokens.
private func mutate(_ text: String, _ random: inout SeededRandom) -> String {
    var bytes = Array(text.utf8)
    for _ in 0...(random.next() % 4) {
        bytes = edit(bytes, &random)
    }
    return String(decoding: bytes, as: UTF8.self)
}

private func edit(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
    let tokens = Lexer.tokenize(SourceFile(path: "m.baton", bytes: bytes)).tokens.dropLast()
    guard !tokens.isEmpty else { return bytes }
    func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    let fragments = [
        "(", ")", " and ", " or ", " not ", "-", " - ", ",", " [a] ", " last ", " (last) ", " within last 2 ",
        " intent was ", " 3 ", " 0.50 ", " x ", "\"s\"", " == ", " in ", " tool_call t ", " then continue ",
    ]
    let comments = [" # c\n", "\n# own line\n", "\n\n# after a blank line\n\n", "#\n#  two   \n"]
    let token = pick(Array(tokens))
    let other = pick(Array(tokens))
    let at = random.next() % 2 == 0 ? token.range.start : token.range.end
    var out = bytes
    switch random.next() % 10 {
    case 0, 1, 2:
        out.insert(contentsOf: Array(pick(comments).utf8), at: at)
    case 3, 4:
        out.insert(contentsOf: Array(pick(["\n", "\n    ", "\t", "\r\n"]).utf8), at: at)
    case 5:
        out.insert(UInt8(ascii: ")"), at: token.range.end)
        out.insert(UInt8(ascii: "("), at: token.range.start)
    case 6:
        let (first, last) = token.range.start <= other.range.start ? (token, other) : (other, token)
        out.insert(UInt8(ascii: ")"), at: last.range.end)
        out.insert(UInt8(ascii: "("), at: first.range.start)
    case 7:
        out.removeSubrange(token.range.start..<token.range.end)
    default:
        out.insert(contentsOf: Array(pick(fragments).utf8), at: at)
    }
    return out
}
