import Baton
import BatonCore
import BatonGraph
@testable import BatonRuntime
import BatonTestSupport
import Testing

/// Windows over one signal share a ring and keep running sums, updated in
/// O(1) a turn: after every turn of a long conversation, each window must
/// read what the whole history says.
struct RunningSumTests {
    static let lengths = [1, 2, 3, 5, 7, 10]
    static let rules = lengths.map { "rule a\($0) { when avg(sentiment, last \($0)) <= 0.5 then tag \"a\($0)\" }\n" }.joined()
        + """
        rule s4 { when sum(sentiment, last 4) < 3 then tag "s4" }
        rule t6 { when trend(sentiment, last 6) < 1 then tag "t6" }
        rule t10 { when trend(sentiment, last 10) < 1 then tag "t10" }
        rule lo { when min(sentiment, last 7) < 0.5 then tag "lo" }
        rule hi { when max(sentiment, last 3) < 0.5 then tag "hi" }
        rule c4 { when avg(confidence, last 4) < 0.5 then tag "c4" }

        """

    @Test func everyWindowReadsTheWholeHistoryAfterEveryTurn() throws {
        let graph = try engine(Self.rules).graph
        let evaluator = Evaluator(graph: graph, scorer: FakeScorer())
        var state = evaluator.makeState()
        var random = SeededRandom(seed: 7)
        var sentiments: [Double] = [], confidences: [Double] = []
        for _ in 0..<60 {
            // Four decimals: exact in the state's fixed point.
            let sentiment = Double(random.next(20_001) - 10_000) / 10_000
            let confidence = Double(random.next(10_001)) / 10_000
            sentiments.append(sentiment)
            confidences.append(confidence)
            _ = evaluator.evaluate(customer("s=\(sentiment) words", intent: "wismo", confidence: confidence), state: &state)
            for (index, spec) in graph.windows.enumerated() {
                guard case .signal(let signal) = spec.source else { continue }
                let history = signal == .sentiment ? sentiments : confidences
                let read = state.windowValue(spec, plan: evaluator.plan.layout.windows[index])
                let value = try #require(read)
                let expected = Self.expected(spec.aggregate, Array(history.suffix(spec.turns)))
                #expect(abs(value - expected) < 1e-9, "\(spec.aggregate)(\(signal), last \(spec.turns)) at turn \(history.count)")
            }
        }
    }

    static func expected(_ aggregate: WindowAggregate, _ values: [Double]) -> Double {
        switch aggregate {
        case .avg: return values.reduce(0, +) / Double(values.count)
        case .sum: return values.reduce(0, +)
        case .min: return values.min()!
        case .max: return values.max()!
        case .trend:
            // The least-squares slope per turn, x = 0, 1, ...
            guard values.count >= 2 else { return 0 }
            let n = Double(values.count)
            let meanX = (n - 1) / 2, meanY = values.reduce(0, +) / n
            var covariance = 0.0, variance = 0.0
            for (x, y) in values.enumerated() {
                covariance += (Double(x) - meanX) * (y - meanY)
                variance += (Double(x) - meanX) * (Double(x) - meanX)
            }
            return covariance / variance
        default: return .nan
        }
    }
}

/// The arithmetic behind rings and fixed point, against what it replaces.
struct RingArithmeticTests {
    /// A ring's slot by multiplication is the remainder `(turn - 1) % length`,
    /// for every ring length a window can have and every turn count a session can reach.
    @Test(arguments: Array(1...50))
    func ringSlotIsTheRemainder(_ length: Int) {
        let ring = StateLayout.Ring(offset: 0, length: length)
        var random = SeededRandom(seed: UInt64(length))
        let top = Int(UInt32.max)
        var turns = Array(1...3_000) + Array(top - 3_000...top) + Array((1 << 31) - 100...(1 << 31) + 100)
        turns += (0..<3_000).map { _ in 1 + random.next(top) }
        for turn in turns where ring.slot(ofTurn: turn) != (turn - 1) % length {
            Issue.record("turn \(turn), length \(length): \(ring.slot(ofTurn: turn)), expected \((turn - 1) % length)")
            return
        }
    }

    /// Fixed point without libm's `round`: the same numbers as `rounded()`,
    /// halves (which go away from zero) and their neighbours included.
    @Test func fixedPointRoundsAsRounded() {
        var random = SeededRandom(seed: 11)
        var values: [Double] = [0, -0.0, 1, -1, 0.5 / StateLayout.scale, -0.5 / StateLayout.scale, 0.49999999999999994, -0.49999999999999994]
        for step in -20_000...20_000 {
            let half = (Double(step) + 0.5) / 2 / StateLayout.scale
            values += [half, half.nextUp, half.nextDown, Double(step) / 2 / StateLayout.scale]
        }
        values += (0..<20_000).map { _ in Double(random.next(1 << 53)) / Double(1 << 52) - 1 }
        for value in values where abs(value) <= 1 {
            let expected = Int16((value * StateLayout.scale).rounded())
            if StateLayout.fixedPoint(value) != expected {
                Issue.record("\(value): \(StateLayout.fixedPoint(value)), expected \(expected)")
                return
            }
        }
    }
}
