import Baton
import BatonCheck
import BatonCore
import BatonGraph
import BatonRuntime
import BatonSentiment
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `baton-bench engine [--rules 10,100,1000] [--events 40000] [--repeat 7] [--export DIR] [--json FILE]`
///
/// For generated rule sets of each size, in one release-build run:
/// - per-event evaluation through `RuleEngine.evaluate`, sentiment excluded
///   (a constant-time scorer): median over batches, for customer events (a
///   turn), bot events (results folded into the turn) and both;
/// - per-event latency percentiles (p50, p99), each event timed on its own;
/// - a whole turn with VADER scoring a 30-word customer message;
/// - session state bytes, and resident memory of 1,000,000 live sessions;
/// - the time to load a checked rule set into an engine;
/// - per-event evaluation again, with every list and text of each decision read;
/// - per-event evaluation again, the events held by reference (no copy per call).
/// `--export` writes the policy and events for `scripts/engine/compare.py`
/// (and each rule set as Baton source, for `baton graph`);
/// `--json` writes the figures for it to print beside other engines'.
/// `BATON_BENCH_NO_VADER=1`, `BATON_BENCH_NO_LATENCY=1`,
/// `BATON_BENCH_NO_LISTS_READ=1` and `BATON_BENCH_NO_REFERENCE=1` skip those passes.
func runEngineBench(_ arguments: [String]) throws {
    var ruleCounts = [10, 100, 1_000]
    var eventCount = 40_000
    var repeats = 7
    var exportFolder: String?
    var jsonPath: String?
    var sessionsForMemory = 1_000_000
    try forEachOption(arguments) { name, value in
        switch name {
        case "--rules": ruleCounts = value.split(separator: ",").compactMap { Int($0) }
        case "--events": eventCount = Int(value) ?? eventCount
        case "--repeat": repeats = Int(value) ?? repeats
        case "--export": exportFolder = value
        case "--json": jsonPath = value
        case "--sessions": sessionsForMemory = Int(value) ?? sessionsForMemory
        default: return false
        }
        return true
    }

    print("baton-bench engine: \(eventCount) events per pass (customer + bot alternating, 1,000 sessions), median of \(repeats) passes")
    print("rules   nodes  windows  per event   customer   bot       turn+VADER(30 words)  state bytes")
    var results: [[String: Double]] = []
    let events = benchEvents(count: eventCount)
    let sets = try generatedSets(ruleCounts)
    // Every size is timed in the same rounds (see `measure`), so the host's
    // drift moves them alike and their ratio is paired round by round.
    let cheap = sets.map { RuleEngine(ruleSet: $0.ruleSet, scorer: LengthScorer()) }
    let (timings, ratios) = measure(cheap, events: events, repeats: repeats)
    // The decision's lists are named when read: the same events again, every list read.
    let listsRead = ProcessInfo.processInfo.environment["BATON_BENCH_NO_LISTS_READ"] == nil
        ? measure(cheap, events: events, repeats: max(3, repeats / 2), readingLists: true).timings
        : timings
    // The same events held by reference, so no call copies its event.
    let byReference = ProcessInfo.processInfo.environment["BATON_BENCH_NO_REFERENCE"] == nil
        ? measure(cheap, events: events, repeats: max(3, repeats / 2), byReference: true)
        : nil
    let withSentiment = ProcessInfo.processInfo.environment["BATON_BENCH_NO_VADER"] == nil
        ? measure(sets.map { RuleEngine(ruleSet: $0.ruleSet, scorer: nil) }, events: events, repeats: max(3, repeats / 2)).timings
        : timings
    for (index, set) in sets.enumerated() {
        let graph = cheap[index].graph
        let timing = timings[index], vader = withSentiment[index]
        let work = workPerEvent(graph, events: events)
        print(String(format: "%-7d %-6d %-8d %7.3f µs  %7.3f µs %7.3f µs  %7.3f µs            %d",
                     set.count, graph.nodes.count, graph.windows.count, timing.all, timing.customer, timing.bot,
                     vader.customer + vader.bot, timing.stateBytes))
        print(String(format: "        visited per event: %.1f rules (%.1f more recalled), %.1f nodes; sentiment scored on %.0f%% of events, message folded on %.0f%%",
                     work.rules, work.recalled, work.nodes, work.scored * 100, work.folded * 100))
        print(String(format: "        with every list and text of each decision read (fired, held back, shadow, tags, reason, message): %.3f µs per event",
                     listsRead[index].all))
        print(String(format: "        loading the checked rules into an engine (compile + plan): %.2f ms", loadMillis(set.ruleSet)))
        if ProcessInfo.processInfo.environment["BATON_BENCH_NO_LATENCY"] == nil {
            let latency = latencies(cheap[index], events: events)
            print(String(format: "        one event at a time (clock cost %.0f ns taken off): customer p50 %.3f µs, p99 %.3f µs; bot p50 %.3f µs, p99 %.3f µs",
                         latency.clockNanos, latency.customer.p50, latency.customer.p99, latency.bot.p50, latency.bot.p99))
        }
        results.append([
            "rules": Double(set.count), "per_event_us": timing.all, "customer_us": timing.customer, "bot_us": timing.bot,
            "turn_with_vader_us": vader.customer + vader.bot, "state_bytes": Double(timing.stateBytes),
            "per_event_lists_read_us": listsRead[index].all,
        ])
        if let exportFolder {
            try export(policy: set.policy, source: set.source, events: events, count: set.count, to: exportFolder)
        }
    }
    if sets.count > 1 {
        let sorted = ratios.sorted()
        print(String(format: "%d / %d rules, per event, each round's passes paired: median %.2f× (%.2f–%.2f× over %d rounds)",
                     sets[sets.count - 1].count, sets[0].count, median(ratios), sorted.first ?? 0, sorted.last ?? 0, ratios.count))
        results.append(["ratio_rules": Double(sets[sets.count - 1].count), "ratio_base_rules": Double(sets[0].count), "per_event_ratio": median(ratios)])
        if let byReference {
            let sorted = byReference.ratios.sorted()
            print(String(format: "events held by reference (no copy of an event per call): per event %@; paired: median %.2f× (%.2f–%.2f× over %d rounds)",
                         byReference.timings.map { String(format: "%.3f µs", $0.all) }.joined(separator: " / "),
                         median(byReference.ratios), sorted.first ?? 0, sorted.last ?? 0, byReference.ratios.count))
            results.append(["per_event_ratio_by_reference": median(byReference.ratios)])
        }
    }

    // Memory of live sessions for the 100-rule set (largest window 10).
    var generator = EngineRuleGenerator(seed: 42)
    let (source, _) = generator.ruleSet(count: 100)
    let firstTurn = generator.events(count: 2, words: 30, sessions: 1)
    if let ruleSet = Checker.check([SourceFile(path: "generated.baton", text: source)], loader: nil, lint: false).ruleSet {
        let engine = RuleEngine(ruleSet: ruleSet, scorer: LengthScorer())
        let before = residentBytes()
        var sessions: [Session] = []
        sessions.reserveCapacity(sessionsForMemory)
        for number in 0..<sessionsForMemory {
            var session = engine.makeSession(id: "session-\(number)")
            for event in firstTurn { _ = engine.evaluate(event, in: &session) }
            sessions.append(session)
        }
        let after = residentBytes()
        let perSession = Double(after - before) / Double(sessionsForMemory)
        print(String(format: "\n%d live sessions (100 rules, largest window %d): %.0f MB resident (%.0f bytes each, id and allocator included; state alone %d bytes)",
                     sessionsForMemory, engine.graph.largestWindow, Double(after - before) / 1_048_576, perSession, sessions[0].stateByteCount))
        results.append(["sessions": Double(sessionsForMemory), "resident_bytes": Double(after - before)])
        withExtendedLifetime(sessions) {}
    }
    if let jsonPath {
        let data = try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: jsonPath))
    }
}

private struct Timing {
    var all: Double
    var customer: Double
    var bot: Double
    var stateBytes: Int
}

/// Medians over passes of per-event time (µs), split by event role, one
/// timing per engine. A round runs one pass of every engine in turn, so a
/// drift of the host's speed falls on all of them alike; `ratios` holds,
/// per round, the last engine's time per event over the first's.
private func measure(
    _ engines: [RuleEngine], events: [TurnEvent], repeats: Int, readingLists: Bool = false, byReference: Bool = false
) -> (timings: [Timing], ratios: [Double]) {
    let passes = TimedPasses(events: events, byReference: byReference)
    var alls = [[Double]](repeating: [], count: engines.count)
    var customers = alls, bots = alls
    var stateBytes = [Int](repeating: 0, count: engines.count)
    var ratios: [Double] = []
    var sink = 0
    for pass in 0...repeats {
        for (number, engine) in engines.enumerated() {
            let time = passes.run(engine, readingLists: readingLists, sink: &sink)
            if pass == 0 { continue }  // warm-up
            customers[number].append(time.customer)
            bots[number].append(time.bot)
            alls[number].append(time.all)
            stateBytes[number] = time.stateBytes
        }
        if pass > 0, let last = alls.last?.last, let first = alls.first?.last { ratios.append(last / first) }
    }
    if sink == -1 { print(sink) }
    let timings = engines.indices.map {
        Timing(all: median(alls[$0]), customer: median(customers[$0]), bot: median(bots[$0]), stateBytes: stateBytes[$0])
    }
    return (timings, ratios)
}

/// Per-event latency percentiles, each event timed on its own over one pass
/// in order (after a warm-up pass), less the median cost of a clock reading pair.
private func latencies(_ engine: RuleEngine, events: [TurnEvent]) -> (
    customer: (p50: Double, p99: Double), bot: (p50: Double, p99: Double), clockNanos: Double
) {
    let (sessionCount, sessionOf) = sessionNumbers(events)
    let clock = ContinuousClock()
    var empty: [Double] = []
    for _ in 0..<10_000 {
        let start = clock.now
        empty.append(nanos(clock.now - start))
    }
    let clockCost = median(empty)
    var customer: [Double] = [], bot: [Double] = []
    var sink = 0
    for pass in 0..<2 {
        var sessions = (0..<sessionCount).map { engine.makeSession(id: "s\($0)") }
        for (index, event) in events.enumerated() {
            let start = clock.now
            sink &+= engine.evaluate(event, in: &sessions[sessionOf[index]]).firedRules.count
            let elapsed = max(nanos(clock.now - start) - clockCost, 0) / 1_000
            if pass == 1 {
                if event.role == .customer { customer.append(elapsed) } else { bot.append(elapsed) }
            }
        }
    }
    if sink == -1 { print(sink) }
    func percentiles(_ values: [Double]) -> (p50: Double, p99: Double) {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return (0, 0) }
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 99 / 100)])
    }
    return (percentiles(customer), percentiles(bot), clockCost)
}

func nanos(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
}

/// Median time to make an engine of a checked rule set (what a load or a
/// reload costs after checking): compiling the graph and planning it.
private func loadMillis(_ ruleSet: CheckedRuleSet) -> Double {
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<7 {
        let start = clock.now
        let engine = RuleEngine(ruleSet: ruleSet, scorer: LengthScorer())
        times.append(micros(clock.now - start) / 1_000)
        withExtendedLifetime(engine) {}
    }
    return median(times)
}

/// Average work per event, from the evaluator's own counters.
private func workPerEvent(
    _ graph: DecisionGraph, events: [TurnEvent]
) -> (rules: Double, recalled: Double, nodes: Double, scored: Double, folded: Double) {
    let evaluator = Evaluator(graph: graph, scorer: LengthScorer())
    var states: [String: SessionState] = [:]
    var rules = 0, recalled = 0, nodes = 0, scored = 0, folded = 0
    for event in events {
        var state = states[event.sessionID] ?? evaluator.makeState()
        var stats = EvaluationStats()
        _ = evaluator.evaluate(event, state: &state, explain: false, stats: &stats)
        states[event.sessionID] = state
        rules += stats.rulesVisited
        recalled += stats.rulesRecalled
        nodes += stats.nodesEvaluated
        scored += stats.sentimentScored ? 1 : 0
        folded += stats.messageFolded ? 1 : 0
    }
    let count = Double(max(events.count, 1))
    return (Double(rules) / count, Double(recalled) / count, Double(nodes) / count, Double(scored) / count, Double(folded) / count)
}

private func export(policy: [EngineRuleGenerator.PolicyRule], source: String, events: [TurnEvent], count: Int, to folder: String) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try source.write(toFile: "\(folder)/generated-\(count).baton", atomically: true, encoding: .utf8)
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    try encoder.encode(policy).write(to: URL(fileURLWithPath: "\(folder)/policy-\(count).json"))
    try JSONEncoder().encode(events).write(to: URL(fileURLWithPath: "\(folder)/events.json"))
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

private func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

struct EngineBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
