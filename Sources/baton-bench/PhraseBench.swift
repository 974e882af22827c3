import BatonPattern
import Foundation

/// `baton-bench phrases [--matchers 60] [--lists 6] [--messages 4000] [--words 30] [--repeat 7]`
///
/// The phrase scan on its own: messages of `--words` words from the
/// vocabulary of `baton-bench engine` (whose messages have 30), scanned by matchers like the per-intent ones the
/// engine builds at 1,000 rules (a few two-word phrase lists and the
/// double-charge pattern's literals each). Two passes a round: every
/// message through one matcher (its table stays in the cache), and each
/// message through the next of `--matchers` matchers (as the engine's
/// turns go to their intents' matchers). Medians over the rounds, per
/// message and per byte.
func runPhraseBench(_ arguments: [String]) throws {
    var matcherCount = 60, listCount = 6, messageCount = 4_000, wordCount = 30, repeats = 7
    var index = 0
    while index < arguments.count {
        let value = index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
        guard let value, value > 0 else { throw EngineBenchError("`\(arguments[index])` needs a positive number") }
        switch arguments[index] {
        case "--matchers": matcherCount = value
        case "--lists": listCount = value
        case "--messages": messageCount = value
        case "--words": wordCount = value
        case "--repeat": repeats = value
        default: throw EngineBenchError("unknown option `\(arguments[index])`")
        }
        index += 2
    }
    var random = SplitMix(state: 17)
    let words = EngineRuleGenerator.words
    let pattern = try Pattern("(charged|billed) (twice|two times)")
    let matchers = (0..<matcherCount).map { _ in
        let lists = (0..<listCount).map { _ in [random.pick(words) + " " + random.pick(words)] }
        return PhraseSetMatcher(lists: lists, patterns: [pattern])
    }
    let messages = (0..<messageCount).map { _ in (0..<wordCount).map { _ in random.pick(words) }.joined(separator: " ") }
    let bytes = Double(messages.reduce(0) { $0 + $1.utf8.count })
    var bits = [UInt64](repeating: 0, count: 2)
    var sink: UInt64 = 0
    let clock = ContinuousClock()
    func pass(_ matcherOf: (Int) -> PhraseSetMatcher) -> Double {
        let start = clock.now
        bits.withUnsafeMutableBufferPointer { bits in
            for (index, message) in messages.enumerated() {
                bits[0] = 0
                matcherOf(index).scan(message, into: bits.baseAddress!)
                sink &+= bits[0]
            }
        }
        return nanos(clock.now - start)
    }
    var one: [Double] = [], many: [Double] = []
    for round in 0...repeats {
        let a = pass { _ in matchers[0] }, b = pass { matchers[$0 % matcherCount] }
        if round > 0 { one.append(a); many.append(b) }  // round 0 warms up
    }
    print("baton-bench phrases: \(messageCount) messages of \(wordCount) words (\(Int(bytes) / messageCount) bytes on average), \(listCount) phrase lists and one pattern a matcher, median of \(repeats) passes")
    for (name, times) in [("one matcher", one), ("\(matcherCount) matchers", many)] {
        let perMessage = median(times) / Double(messageCount)
        print(String(format: "%-14@ %7.1f ns per message  %5.2f ns per byte", name as NSString, perMessage, median(times) / bytes))
    }
    if sink == 42 { print("") }
}
