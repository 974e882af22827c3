import BatonCore
import BatonSentiment
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `baton-bench sentiment [--corpus FILE] [--count N] [--repeat K] [--json]`
///
/// Measures, in one process and on one thread:
/// - lexicon load time (read + parse + build the tables), first and median;
/// - resident memory added by loading the lexicon (VmRSS before and after);
/// - scorer throughput over the corpus (µs per message, MB/s of UTF-8 text);
/// - a floor: a loop that only lowercases, splits, strips punctuation and
///   looks each word up in a hash table of the same lexicon entries, and the
///   ratio scorer / floor.
/// Times are medians of `--repeat` passes over the whole corpus.
func runSentimentBench(_ arguments: [String]) throws {
    var options = SentimentBenchOptions()
    try options.parse(arguments)

    // Memory first, before anything touches the lexicon. Foundation's file
    // and bundle machinery is warmed up on unrelated paths beforehand: every
    // Baton process has it resident anyway, and it is not the lexicon's.
    _ = Bundle.main.bundleURL.appendingPathComponent("warm-up").path
    _ = FileManager.default.fileExists(atPath: Bundle.main.bundlePath)
    let rssBefore = residentKilobytes()
    let clock = ContinuousClock()
    var cpuStart = threadCPUSeconds()
    var start = clock.now
    let lexicon = try Lexicon.loadBundled()
    let firstLoad = clock.now - start
    let firstLoadCPU = threadCPUSeconds() - cpuStart
    let rssAfter = residentKilobytes()
    // A second, independent copy kept alive: the steady-state cost of one more lexicon.
    let second = try Lexicon.loadBundled()
    let rssSecond = residentKilobytes()
    withExtendedLifetime(second) {}

    var loads: [Duration] = []
    var loadsCPU: [Double] = []
    for _ in 0..<21 {
        cpuStart = threadCPUSeconds()
        start = clock.now
        let fresh = try Lexicon.loadBundled()
        loads.append(clock.now - start)
        loadsCPU.append(threadCPUSeconds() - cpuStart)
        withExtendedLifetime(fresh) {}
    }
    // For comparison: parsing vaderSentiment's original text files.
    var textLoads: [Duration] = []
    for _ in 0..<5 {
        start = clock.now
        let fresh = try Lexicon.loadBundled(format: .text)
        textLoads.append(clock.now - start)
        withExtendedLifetime(fresh) {}
    }

    let messages: [String]
    let source: String
    if let path = options.corpus {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SentimentBenchError.usage("cannot read `\(path)`")
        }
        messages = data.split(separator: 0x0A).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        source = path
    } else {
        var generator = SupportMessageGenerator(seed: 20_250_101)
        messages = (0..<options.count).map { _ in generator.message() }
        source = "generated (\(options.count) support-like messages)"
    }
    guard !messages.isEmpty else { throw SentimentBenchError.usage("the corpus is empty") }
    let bytes = messages.reduce(0) { $0 + $1.utf8.count }
    let words = messages.reduce(0) { $0 + $1.split(whereSeparator: \.isWhitespace).count }

    let scorer = VaderScorer(lexicon: lexicon)
    let floor = LookupFloor(lexicon: lexicon)
    var scorerTimes: [Duration] = []
    var floorTimes: [Duration] = []
    var scorerCPU: [Double] = []
    var floorCPU: [Double] = []
    var checksum = 0.0
    for _ in 0..<options.repeats {
        // Alternate the two loops so drift on a shared machine hits both.
        var cpu = threadCPUSeconds()
        start = clock.now
        for message in messages { checksum += scorer.scores(message).compound }
        scorerTimes.append(clock.now - start)
        scorerCPU.append(threadCPUSeconds() - cpu)
        cpu = threadCPUSeconds()
        start = clock.now
        for message in messages { checksum += floor.pass(message) }
        floorTimes.append(clock.now - start)
        floorCPU.append(threadCPUSeconds() - cpu)
    }

    let scorerSeconds = median(scorerTimes)
    let floorSeconds = median(floorTimes)
    let count = Double(messages.count)
    let megabytes = Double(bytes) / 1_000_000
    let report = SentimentBenchReport(
        messages: messages.count, bytes: bytes, wordsPerMessage: Double(words) / count,
        firstLoadMilliseconds: seconds(firstLoad) * 1000, loadMilliseconds: median(loads) * 1000,
        firstLoadCPUMilliseconds: firstLoadCPU * 1000, loadCPUMilliseconds: median(loadsCPU) * 1000,
        residentKilobytes: rssAfter - rssBefore, secondResidentKilobytes: rssSecond - rssAfter,
        tableBytes: lexicon.byteCount, textLoadMilliseconds: median(textLoads) * 1000,
        scorerMicroseconds: scorerSeconds / count * 1e6, scorerMegabytesPerSecond: megabytes / scorerSeconds,
        floorMicroseconds: floorSeconds / count * 1e6, floorMegabytesPerSecond: megabytes / floorSeconds,
        scorerCPUMicroseconds: median(scorerCPU) / count * 1e6, floorCPUMicroseconds: median(floorCPU) / count * 1e6,
        repeats: options.repeats)

    print("sentiment bench: \(source)")
    print(String(format: "  corpus          %d messages, %d bytes, %.1f words/message", report.messages, report.bytes, report.wordsPerMessage))
    print(String(format: "  lexicon load    %.2f ms median of 21, first load %.2f ms (%d entries, %d emoji); from the text files %.2f ms", report.loadMilliseconds, report.firstLoadMilliseconds, lexicon.count, lexicon.emojiCount, report.textLoadMilliseconds))
    print(String(format: "                  thread CPU time: %.2f ms median, first load %.2f ms", report.loadCPUMilliseconds, report.firstLoadCPUMilliseconds))
    print(String(format: "  lexicon memory  %d KB resident after the first load, %d KB for a second copy (VmRSS deltas); %d KB in tables", report.residentKilobytes, report.secondResidentKilobytes, report.tableBytes / 1024))
    print(String(format: "  scorer          %.3f µs/message, %.1f MB/s (median of %d)", report.scorerMicroseconds, report.scorerMegabytesPerSecond, options.repeats))
    print(String(format: "  floor           %.3f µs/message, %.1f MB/s", report.floorMicroseconds, report.floorMegabytesPerSecond))
    print(String(format: "  scorer / floor  %.2f", report.scorerMicroseconds / report.floorMicroseconds))
    print(String(format: "  thread CPU time scorer %.3f µs/message, floor %.3f µs/message (ratio %.2f)", report.scorerCPUMicroseconds, report.floorCPUMicroseconds, report.scorerCPUMicroseconds / report.floorCPUMicroseconds))
    if options.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
    // Keeps the optimiser from discarding the loops.
    if checksum.isNaN { print("checksum \(checksum)") }
}

struct SentimentBenchReport: Codable {
    var messages: Int
    var bytes: Int
    var wordsPerMessage: Double
    var firstLoadMilliseconds: Double
    var loadMilliseconds: Double
    var firstLoadCPUMilliseconds: Double
    var loadCPUMilliseconds: Double
    var residentKilobytes: Int
    var secondResidentKilobytes: Int
    var tableBytes: Int
    var textLoadMilliseconds: Double
    var scorerMicroseconds: Double
    var scorerMegabytesPerSecond: Double
    var floorMicroseconds: Double
    var floorMegabytesPerSecond: Double
    /// The same passes in CPU time of this thread: unaffected by time spent
    /// descheduled on a busy machine.
    var scorerCPUMicroseconds: Double
    var floorCPUMicroseconds: Double
    var repeats: Int
}

struct SentimentBenchOptions {
    var corpus: String?
    var count = 20_000
    var repeats = 7
    var json = false

    mutating func parse(_ arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else {
                throw SentimentBenchError.usage("\(arguments[index - 1]) needs a value")
            }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--corpus": corpus = try value()
            case "--count": count = max(1, Int(try value()) ?? count)
            case "--repeat": repeats = max(1, Int(try value()) ?? repeats)
            case "--json": json = true
            default: throw SentimentBenchError.usage("unknown option `\(arguments[index])`")
            }
            index += 1
        }
    }
}

enum SentimentBenchError: Error, CustomStringConvertible {
    case usage(String)

    var description: String {
        switch self {
        case .usage(let message): message
        }
    }
}

private func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) / 1e18
}

private func median(_ durations: [Duration]) -> Double {
    median(durations.map(seconds))
}

/// CPU time consumed by the calling thread.
private func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// VmRSS of this process in kB, from /proc/self/status (0 where
/// unavailable). Plain POSIX reads, so measuring allocates nothing.
private func residentKilobytes() -> Int {
    let descriptor = open("/proc/self/status", O_RDONLY)
    guard descriptor >= 0 else { return 0 }
    defer { close(descriptor) }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8192) { buffer in
        let count = read(descriptor, buffer.baseAddress, buffer.count)
        guard count > 0 else { return 0 }
        let key = Array("\nVmRSS:".utf8)
        guard let found = (0..<max(0, count - key.count)).first(where: { offset in
            key.indices.allSatisfy { buffer[offset + $0] == key[$0] }
        }) else { return 0 }
        var value = 0
        for byte in buffer[(found + key.count)..<count] where byte != 0x20 && byte != 0x09 {
            guard (0x30...0x39).contains(byte) else { break }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

/// The floor the scorer is compared with: split on whitespace, strip ASCII
/// punctuation, lowercase, and look each word up in an open-addressing table
/// of the same lexicon entries — the least any lexicon scorer must do.
final class LookupFloor {
    private let keys: UnsafeMutableBufferPointer<UInt8>
    private let starts: UnsafeMutableBufferPointer<Int>
    private let valences: UnsafeMutableBufferPointer<Double>
    private let slots: UnsafeMutableBufferPointer<Int32>
    private let mask: Int

    init(lexicon: Lexicon) {
        var entries: [(key: [UInt8], valence: Double)] = []
        lexicon.forEachEntry { phrase, valence in entries.append((Array(phrase.utf8), valence)) }
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        keys = .allocate(capacity: entries.reduce(0) { $0 + $1.key.count } + 1)
        starts = .allocate(capacity: entries.count + 1)
        valences = .allocate(capacity: entries.count)
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: -1)
        mask = capacity - 1
        var offset = 0
        for (index, entry) in entries.enumerated() {
            starts[index] = offset
            for byte in entry.key {
                keys[offset] = byte
                offset += 1
            }
            valences[index] = entry.valence
            var slot = Self.hash(entry.key) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
        starts[entries.count] = offset
    }

    deinit {
        keys.deallocate()
        starts.deallocate()
        valences.deallocate()
        slots.deallocate()
    }

    private static func hash(_ bytes: [UInt8]) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    /// The sum of the valences of the message's words.
    func pass(_ message: String) -> Double {
        var message = message
        return message.withUTF8 { text in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { scratch in
                var sum = 0.0
                var index = 0
                let count = text.count
                while index < count {
                    while index < count && text[index] <= 0x20 { index += 1 }
                    var lower = index
                    while index < count && text[index] > 0x20 { index += 1 }
                    var upper = index
                    while lower < upper && Self.isPunctuation(text[lower]) { lower += 1 }
                    while upper > lower && Self.isPunctuation(text[upper - 1]) { upper -= 1 }
                    let length = upper - lower
                    guard length > 0 && length <= scratch.count else { continue }
                    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                    for offset in 0..<length {
                        var byte = text[lower + offset]
                        if byte &- 0x41 < 26 { byte |= 0x20 }
                        scratch[offset] = byte
                        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
                    }
                    sum += lookup(UnsafeBufferPointer(rebasing: scratch[0..<length]), hash: hash)
                }
                return sum
            }
        }
    }

    @inline(__always)
    private static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte)
            || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    @inline(__always)
    private func lookup(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Double {
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return 0 }
            let start = starts[index]
            if starts[index + 1] - start == word.count {
                var equal = true
                for offset in 0..<word.count where keys[start + offset] != word[offset] {
                    equal = false
                    break
                }
                if equal { return valences[index] }
            }
            slot = (slot + 1) & mask
        }
    }
}

/// Deterministic support-chat messages of about 24 words (SplitMix64), used
/// when no corpus file is given.
struct SupportMessageGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func pick(_ pool: [String]) -> String {
        pool[Int(next() % UInt64(pool.count))]
    }

    private static let sentences = [
        "where is my order {num}", "i ordered the {item} {n} days ago and it still hasn't arrived",
        "my {item} arrived {neg} and the box was {neg}", "can i get a refund for the {item}",
        "you charged me twice for order {num}", "thanks, that was {boost} {pos}",
        "the agent was {boost} {pos} and solved it fast", "this is {boost} {neg}, i want to speak to a human",
        "still waiting for my refund after {n} weeks", "the tracking says delivered but i never got it",
        "not {pos} at all, the {item} is {neg}", "it's {pos} but the delivery was {neg}",
        "i want to cancel my order {num} please", "the payment failed {n} times, what is going on?",
        "I WANT MY MONEY BACK", "love the {item}!! fits {boost} well", "meh, it's kind of {pos} i guess",
        "why is nobody answering??", "could you please check the status of order {num}?",
    ]
    private static let items = ["shoes", "jacket", "phone case", "headphones", "blender", "lamp", "watch", "charger"]
    private static let positive = ["good", "great", "helpful", "perfect", "nice", "amazing", "happy", "excellent"]
    private static let negative = ["bad", "terrible", "broken", "damaged", "wrong", "awful", "late", "useless"]
    private static let boosters = ["very", "really", "so", "extremely", "totally", "quite"]

    mutating func message() -> String {
        let target = 14 + Int(next() % 13)
        var parts: [String] = []
        var words = 0
        while words < target {
            var sentence = pick(Self.sentences)
            for (placeholder, pool) in [
                ("{item}", Self.items), ("{pos}", Self.positive), ("{neg}", Self.negative),
                ("{boost}", Self.boosters),
            ] {
                while let range = sentence.range(of: placeholder) {
                    sentence.replaceSubrange(range, with: pick(pool))
                }
            }
            sentence = sentence.replacingOccurrences(of: "{num}", with: "#\(10_000 + next() % 90_000)")
            sentence = sentence.replacingOccurrences(of: "{n}", with: "\(2 + next() % 28)")
            words += sentence.split(separator: " ").count
            parts.append(sentence)
        }
        return parts.joined(separator: ". ")
    }
}
