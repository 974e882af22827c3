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
/// event"), and prints its µs per event. Ends with its input.
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
    var engines: [Int: RuleEngine] = [:]
    for set in try generatedSets(ruleCounts) {
        engines[set.count] = RuleEngine(ruleSet: set.ruleSet, scorer: LengthScorer())
    }
    var sink = 0
    for engine in engines.values { _ = passes.run(engine, readingLists: false, sink: &sink) }
    reply("ready")
    while let line = readLine() {
        guard let count = Int(line.trimmingCharacters(in: .whitespaces)), let engine = engines[count] else {
            reply("error: no generated set of `\(line)` rules (have \(ruleCounts.map(String.init).joined(separator: ", ")))")
            continue
        }
        reply(String(format: "%.4f", passes.run(engine, readingLists: false, sink: &sink).all))
    }
    if sink == -1 { print(sink) }
}

/// A line to the caller, written at once (unbuffered): it waits for each one.
private func reply(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
