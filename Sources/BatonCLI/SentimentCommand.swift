public import ArgumentParser
import Baton
import BatonCheck
import BatonCore
import BatonSentiment
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `baton sentiment [FILE...] [--rules FILE]`: scores messages, one per line,
/// and writes one JSON object per line.
public struct SentimentCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Score messages with Baton's VADER sentiment scorer.",
        discussion: """
        Reads messages one per line (LF; a trailing CR is dropped) from the
        files given, or from standard input, and writes one JSON object per
        line:

          {"text":"…","neg":0.0,"neu":0.508,"pos":0.492,"compound":0.4404}

        Without --rules the scores are vaderSentiment 3.3.2's, rounded as it
        rounds them: neg, neu and pos to 3 decimals, compound to 4. With
        --rules, the `lexicon { … }` blocks of that rule file override word
        and phrase valences (on VADER's -4…4 scale).

        Exit codes: 0 success, 1 errors in the rule file or unreadable
        input, 2 usage.
        """
    )

    @Argument(help: "Files of messages, one per line (default: standard input).")
    var files: [String] = []

    @Option(name: .long, help: "A rule file or folder whose lexicon blocks override valences.")
    var rules: String?

    public init() {}

    public func run() throws {
        var lexicon = Lexicon.bundled
        if let rules {
            lexicon = lexicon.overriding(try Self.overrides(fromRuleFile: rules))
        }
        let scorer = VaderScorer(lexicon: lexicon)
        var output = JSONLinesWriter()
        let score = { (line: String) in output.write(line, scorer.scores(line)) }
        if files.isEmpty {
            try LineReader.forEachLine(descriptor: STDIN_FILENO, name: "standard input", score)
        } else {
            for path in files {
                let descriptor = open(path, O_RDONLY)
                guard descriptor >= 0 else {
                    Self.error("cannot read `\(path)`: \(String(cString: strerror(errno)))")
                    throw ExitCode(1)
                }
                defer { close(descriptor) }
                try LineReader.forEachLine(descriptor: descriptor, name: path, score)
            }
        }
        output.flush()
    }

    /// The lexicon overrides of a rule file or folder, as the checker reads
    /// them (imports followed, duplicates and ranges checked), or exit code 1
    /// after printing its errors with line, column and caret.
    static func overrides(fromRuleFile path: String) throws -> [LexiconOverride] {
        let discovered = RuleFiles.discover([path])
        let formatter = DiagnosticFormatter(colorize: isatty(STDERR_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        for problem in discovered.problems {
            FileHandle.standardError.write(Data(formatter.format(problem.diagnostic, source: nil).utf8))
        }
        guard discovered.problems.isEmpty, let set = discovered.sets.first else { throw ExitCode(1) }
        let result = Checker.check(set.sources, loader: FileSourceLoader(), lint: false)
        var diagnostics = result.diagnostics
        var overrides: [LexiconOverride] = []
        for word in result.ruleSet?.lexicon ?? [] {
            let override = LexiconOverride(phrase: word.phrase, valence: word.valence)
            if override.problem == .tooLong {
                diagnostics.append(Diagnostic(
                    code: "E0221", severity: .error,
                    message: "lexicon phrase `\(word.phrase)` is too long", path: path, range: .empty,
                    help: "at most \(LexiconOverride.maxWords) words of \(LexiconOverride.maxWordBytes) bytes each"))
                continue
            }
            overrides.append(override)
        }
        if !result.hasErrors, overrides.isEmpty {
            diagnostics.append(Diagnostic(
                code: "no-lexicon", severity: .warning, message: "rule file has no lexicon entries",
                path: path, range: .empty,
                help: "scores are plain VADER; add a `lexicon { \"word\" -2.0 }` block"))
        }
        for diagnostic in diagnostics.sorted(by: Diagnostic.ordered) {
            FileHandle.standardError.write(Data(formatter.format(diagnostic, source: result.sources[diagnostic.path]).utf8))
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        return overrides
    }

    private static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}

/// Reads a file descriptor in 64 KB blocks and calls `body` with each line:
/// split on LF only (other separators stay inside the message), one trailing
/// CR dropped, invalid UTF-8 replaced by U+FFFD. A final line without LF
/// counts; the empty string after a final LF does not.
enum LineReader {
    static func forEachLine(descriptor: Int32, name: String, _ body: (String) -> Void) throws {
        var pending: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                FileHandle.standardError.write(Data("error: cannot read \(name)\n".utf8))
                throw ExitCode(1)
            }
            if count == 0 { break }
            var start = 0
            for index in 0..<count where block[index] == 0x0A {
                pending.append(contentsOf: block[start..<index])
                body(decode(pending))
                pending.removeAll(keepingCapacity: true)
                start = index + 1
            }
            pending.append(contentsOf: block[start..<count])
        }
        if !pending.isEmpty { body(decode(pending)) }
    }

    private static func decode(_ line: [UInt8]) -> String {
        let bytes = line.last == 0x0D ? line.dropLast() : line[...]
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Writes `{"text":…,"neg":…,"neu":…,"pos":…,"compound":…}` lines, byte for
/// byte as Python's `json.dumps(…, ensure_ascii=False, separators=(",", ":"))`
/// writes them, so output can be diffed against the reference directly.
struct JSONLinesWriter {
    private var buffer: [UInt8] = []

    init() {
        buffer.reserveCapacity(1 << 16)
    }

    mutating func write(_ text: String, _ scores: SentimentScores) {
        buffer.append(contentsOf: #"{"text":"#.utf8)
        appendString(text)
        for (key, value) in [("neg", scores.neg), ("neu", scores.neu), ("pos", scores.pos), ("compound", scores.compound)] {
            buffer.append(contentsOf: ",\"\(key)\":\(value)".utf8)
        }
        buffer.append(contentsOf: "}\n".utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func appendString(_ text: String) {
        buffer.append(0x22)
        for byte in text.utf8 {
            switch byte {
            case 0x22: buffer.append(contentsOf: [0x5C, 0x22])
            case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])
            case 0x09: buffer.append(contentsOf: [0x5C, 0x74])
            case 0x08: buffer.append(contentsOf: [0x5C, 0x62])
            case 0x0C: buffer.append(contentsOf: [0x5C, 0x66])
            case 0..<0x20:
                buffer.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]])
            default: buffer.append(byte)
            }
        }
        buffer.append(0x22)
    }
}
