import Baton
import Foundation

/// `baton-bench engine-passes [--rules 10,100,1000] [--events 40000]`
///
/// Single timed passes on request, for a caller that pairs each with a
/// timing of its own taken in the same moment (`scripts/engine/compare.py`
/// interleaves the plain Python function with them, so a change of the
/// host's speed falls on both). Builds the engines of `engine`'s generated
/// rule sets, warms each with one pass and prints `ready`; then for each
/// line of standard input naming a rule count, runs one pass of that
/// engine over the events, sentiment excluded (as `engine` times "per
/// event"), and prints its µs per event; a line `N vader` runs the rule
/// count's engine with VADER scoring every customer message and prints µs
/// per whole turn (customer + bot event, as `engine`'s VADER column). Ends
/// with its input.
func runEnginePasses(_ arguments: [String]) throws {
    var ruleCounts = [10, 100, 1_000]
    var eventCount = 40_000
    try forEachOption(arguments) { name, value in
        switch name {
        case "--rules": ruleCounts = value.split(separator: ",").compactMap { Int($0) }
        case "--events": eventCount = Int(value) ?? eventCount
        default: return false
        }
        return true
    }
    let passes = TimedPasses(events: benchEvents(count: eventCount), byReference: false)
    var engines: [Int: RuleEngine] = [:], withVader: [Int: RuleEngine] = [:]
    for set in try generatedSets(ruleCounts) {
        engines[set.count] = RuleEngine(ruleSet: set.ruleSet, scorer: LengthScorer())
        withVader[set.count] = RuleEngine(ruleSet: set.ruleSet, scorer: nil)
    }
    var sink = 0
    for engine in Array(engines.values) + Array(withVader.values) { _ = passes.run(engine, readingLists: false, sink: &sink) }
    reply("ready")
    while let line = readLine() {
        let words = line.split(separator: " ")
        let vader = words.count == 2 && words[1] == "vader"
        guard words.count == 1 || vader, let count = Int(words[0]), let engine = (vader ? withVader : engines)[count] else {
            reply("error: `\(line)` is not a rule count of \(ruleCounts.map(String.init).joined(separator: ", ")), with `vader` or without")
            continue
        }
        let time = passes.run(engine, readingLists: false, sink: &sink)
        reply(String(format: "%.4f", vader ? time.customer + time.bot : time.all))
    }
    if sink == -1 { print(sink) }
}

/// A line to the caller, written at once (unbuffered): it waits for each one.
private func reply(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
