import Baton
import BatonCore
import Foundation

/// One pass of an engine over the benchmark's events, timed: what
/// `measure` repeats, and what `engine-passes` runs on request.
struct TimedPasses {
    let events: [TurnEvent]
    /// The events held by reference, when passes run `byReference`.
    private let boxes: [EventBox]
    private let byReference: Bool
    private let sessionCount: Int
    private let sessionOf: [Int]
    /// Batches of (customer, bot) pairs of distinct sessions: a batch runs its
    /// customer events, then its bot events, so no session sees its events
    /// out of order (a second turn of a session starts a new batch).
    private let batches: [Range<Int>]

    /// Sessions are looked up by index (as a server would hold them). Swift
    /// copies each event read out of `events` before the call (its strings
    /// and arrays retained, then released), as for any caller that keeps
    /// events in an array; a caller passing an event it just decoded does
    /// not. `byReference` passes each event from an object's constant
    /// instead, which Swift passes without a copy.
    init(events: [TurnEvent], byReference: Bool) {
        self.events = events
        self.byReference = byReference
        boxes = byReference ? events.map(EventBox.init) : []
        (sessionCount, sessionOf) = sessionNumbers(events)
        var batches: [Range<Int>] = []
        var batchStart = 0
        var inBatch = Set<Int>()
        for pair in stride(from: 0, to: events.count - 1, by: 2) {
            if inBatch.contains(sessionOf[pair]) || pair - batchStart >= 256 {
                batches.append(batchStart..<pair)
                batchStart = pair
                inBatch.removeAll(keepingCapacity: true)
            }
            inBatch.insert(sessionOf[pair])
        }
        batches.append(batchStart..<(events.count & ~1))
        self.batches = batches
    }

    /// One pass from fresh sessions: µs per event (customer and bot events
    /// each per customer event), and the largest session state.
    /// `readingLists` reads every element of each decision's lists and its
    /// texts, as a caller that reports them would; otherwise only the count of fired rules.
    func run(_ engine: RuleEngine, readingLists: Bool, sink: inout Int) -> (all: Double, customer: Double, bot: Double, stateBytes: Int) {
        let clock = ContinuousClock()
        var sessions = (0..<sessionCount).map { engine.makeSession(id: "s\($0)") }
        var customerTime = Duration.zero
        var botTime = Duration.zero
        var customerCount = 0
        // Time customer and bot events separately, in batches, so the clock's own cost is amortised.
        for batch in batches {
            let start = clock.now
            for index in stride(from: batch.lowerBound, to: batch.upperBound, by: 2) {
                let decision = byReference
                    ? boxes[index].evaluate(engine, &sessions[sessionOf[index]])
                    : engine.evaluate(events[index], in: &sessions[sessionOf[index]])
                sink &+= readingLists ? readLists(decision) : decision.firedRules.count
            }
            let middle = clock.now
            for index in stride(from: batch.lowerBound + 1, to: batch.upperBound, by: 2) {
                let decision = byReference
                    ? boxes[index].evaluate(engine, &sessions[sessionOf[index]])
                    : engine.evaluate(events[index], in: &sessions[sessionOf[index]])
                sink &+= readingLists ? readLists(decision) : decision.firedRules.count
            }
            botTime += clock.now - middle
            customerTime += middle - start
            customerCount += batch.count / 2
        }
        return (micros(customerTime + botTime) / Double(2 * customerCount), micros(customerTime) / Double(customerCount),
                micros(botTime) / Double(customerCount), sessions.map(\.stateByteCount).max() ?? 0)
    }
}

/// An event held by reference: passed on from the object's constant, which
/// the caller cannot change during the call, so Swift makes no copy of it.
private final class EventBox {
    let event: TurnEvent

    init(_ event: TurnEvent) { self.event = event }

    func evaluate(_ engine: RuleEngine, _ session: inout Session) -> Decision {
        engine.evaluate(event, in: &session)
    }
}

/// Reads every element of a decision's lists, and its reason and message
/// (each one's length, so none is skipped): the texts are made into
/// strings when read, as the names are.
private func readLists(_ decision: Decision) -> Int {
    var total = (decision.reason?.utf8.count ?? 0) &+ (decision.message?.utf8.count ?? 0)
    for rule in decision.firedRules { total &+= rule.utf8.count }
    for hold in decision.heldBack { total &+= hold.rule.utf8.count }
    for firing in decision.shadowRules { total &+= firing.rule.utf8.count }
    for tag in decision.tags { total &+= tag.utf8.count }
    return total
}

/// Sessions numbered in order of first appearance: how many, and each event's.
/// The harness looks sessions up by number, as a server would hold them.
func sessionNumbers(_ events: [TurnEvent]) -> (count: Int, ofEvent: [Int]) {
    var numbers: [String: Int] = [:]
    let ofEvent = events.map { event -> Int in
        if let number = numbers[event.sessionID] { return number }
        numbers[event.sessionID] = numbers.count
        return numbers.count - 1
    }
    return (numbers.count, ofEvent)
}

func micros(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
}
