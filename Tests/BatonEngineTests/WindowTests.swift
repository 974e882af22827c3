import Baton
import BatonCore
import Testing

/// Each window function over a sentiment (or condition) history; the rule
/// fires on the last turn exactly when the expected value satisfies the test.
struct WindowTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var condition: String
        var sentiments: [Double]
        var fires: Bool
        var testDescription: String { "\(condition) over \(sentiments) → \(fires)" }
    }

    static let cases: [Case] = [
        Case(condition: "avg(sentiment, last 3) <= -0.5", sentiments: [-0.2, -0.6, -0.7], fires: true),
        Case(condition: "avg(sentiment, last 3) < -0.5", sentiments: [-0.2, -0.6, -0.7], fires: false),
        // A window larger than the history uses what exists.
        Case(condition: "avg(sentiment, last 3) == -0.5", sentiments: [-0.4, -0.6], fires: true),
        // Older turns leave the window.
        Case(condition: "avg(sentiment, last 2) == 0", sentiments: [-1, 0.5, -0.5], fires: true),
        Case(condition: "sum(sentiment, last 3) == -1.5", sentiments: [0.9, -0.2, -0.6, -0.7], fires: true),
        Case(condition: "sum(sentiment, last 10) == 0.2", sentiments: [0.1, 0.1], fires: true),
        Case(condition: "min(sentiment, last 3) == -0.7", sentiments: [-0.9, -0.2, -0.7, 0.3], fires: true),
        Case(condition: "max(sentiment, last 3) == 0.3", sentiments: [0.9, -0.2, -0.7, 0.3], fires: true),
        Case(condition: "max(sentiment, last 2) == -0.2", sentiments: [0.9, -0.2, -0.7], fires: true),
        Case(condition: "trend(sentiment, last 3) == -0.2", sentiments: [0.9, 0, -0.2, -0.4], fires: true),
        Case(condition: "trend(sentiment, last 4) < 0", sentiments: [0.5, 0.1, -0.3], fires: true),
        Case(condition: "trend(sentiment, last 4) > 0", sentiments: [-0.5, 0.1, 0.3], fires: true),
        // Trend over one turn is 0.
        Case(condition: "trend(sentiment, last 4) == 0", sentiments: [-0.9], fires: true),
        Case(condition: "count(sentiment < -0.3, last 3) == 2", sentiments: [-0.9, -0.5, 0.2, -0.4], fires: true),
        Case(condition: "count(sentiment < -0.3, last 5) == 1", sentiments: [-0.9], fires: true),
        Case(condition: "consecutive(sentiment < -0.3) >= 3", sentiments: [-0.5, -0.5, -0.5], fires: true),
        Case(condition: "consecutive(sentiment < -0.3) >= 3", sentiments: [-0.5, 0.1, -0.5, -0.5], fires: false),
        Case(condition: "consecutive(sentiment < -0.3, last 2) == 2", sentiments: [-0.5, -0.5, -0.5, -0.5], fires: true),
        Case(condition: "consecutive(sentiment < -0.3) == 0", sentiments: [-0.5, 0.2], fires: true),
    ]

    @Test(arguments: cases)
    func windowFunction(_ testCase: Case) throws {
        let engine = try engine("rule r {\n  when \(testCase.condition)\n  then escalate reason \"x\"\n}\n")
        let decisions = run(engine, moods(testCase.sentiments))
        #expect((decisions.last?.outcome == .escalate) == testCase.fires)
    }

    @Test func confidenceWindowCountsTurnsWithoutIntentsAsZero() throws {
        let engine = try engine("rule r {\n  when avg(confidence, last 2) == 0.4\n  then escalate\n}\n")
        let decisions = run(engine, [customer(intent: "wismo", confidence: 0.8), customer()])
        #expect(decisions.last?.outcome == .escalate)
    }

    @Test func countsAPIErrorsAcrossTheEventsOfEachTurn() throws {
        let engine = try engine("rule r {\n  when count(api_error is 5xx, last 5) >= 2\n  then escalate queue \"logistics\"\n}\n")
        let failing = APIResult(api: "orders", httpStatus: 503)
        let decisions = run(engine, [
            customer(), bot(api: [failing]),
            customer(), bot(api: [APIResult(api: "orders", status: "shipped", httpStatus: 200)]),
            customer(), bot(api: [failing]),
        ])
        #expect(decisions.map(\.outcome) == [.continue, .continue, .continue, .continue, .continue, .escalate])
    }

    /// A customer event that brings API results counts them for its own
    /// turn; one that brings none opens a turn whose failure tests are
    /// false (they are then not computed, the new turn's bit being clear).
    @Test func customerEventsCountTheirOwnAPIFailures() throws {
        let engine = try engine("""
        rule errors { when count(api_error is 5xx, last 2) >= 2 then escalate reason "errors" }
        rule orders { when consecutive(api.orders.error) >= 2 then tag "orders" }
        rule lost { when consecutive(api.orders.status == "lost_in_transit") >= 1 then tag "lost" }

        """)
        let failing = APIResult(api: "orders", httpStatus: 503)
        let lost = APIResult(api: "orders", status: "lost_in_transit", httpStatus: 200)
        let decisions = run(engine, [
            customer(api: [failing]), customer(api: [failing]),
            customer(), bot(api: [failing]),
            customer(), customer(api: [lost]), customer(),
        ])
        #expect(decisions.map(\.outcome) == [.continue, .escalate, .continue, .escalate, .continue, .continue, .continue])
        #expect(decisions.map(\.firedRules) == [[], ["errors", "orders"], [], ["errors", "orders"], [], ["lost"], []])
        #expect(decisions.map(\.tags) == [[], ["orders"], [], ["orders"], [], ["lost"], []])
    }

    /// 70 tracked conditions: a turn's bits are written 64 at a time, so
    /// the ones either side of the seam must land on their own tracks.
    static let seventyTracks = (0..<70).map {
        "rule r\($0) { when count(message contains [\"w\($0)\"], last 3) >= 2 then escalate reason \"r\($0)\" }\n"
    }.joined()

    @Test(arguments: [0, 1, 62, 63, 64, 65, 69])
    func eachOfSeventyTracksCountsItsOwnTurns(_ track: Int) throws {
        let engine = try engine(Self.seventyTracks)
        let other = (track + 7) % 70
        let decisions = run(engine, [customer("w\(track) w\(other)"), bot(), customer("w\(track)"), customer("nothing")])
        #expect(decisions.map(\.outcome) == [.continue, .continue, .escalate, .escalate])
        #expect(decisions[2].firedRules == ["r\(track)"])
        #expect(decisions[3].firedRules == ["r\(track)"])
    }

    /// One API's failures, counted per turn; the same test read directly
    /// by another rule shares the turn's answer.
    @Test func countsOneAPIsFailuresPerTurn() throws {
        let engine = try engine("""
        rule twice { when count(api.orders.error, last 3) >= 2 then escalate reason "twice" }
        rule now { when api.orders.error then tag "now" }

        """)
        let failing = APIResult(api: "orders", httpStatus: 500)
        let other = APIResult(api: "payments", httpStatus: 500)
        let decisions = run(engine, [
            customer(), bot(api: [failing]),
            customer(), bot(api: [other]),
            customer(), bot(api: [APIResult(api: "orders", status: "shipped", httpStatus: 200), failing]),
            customer(),
        ])
        #expect(decisions.map(\.outcome) == [.continue, .continue, .continue, .continue, .continue, .escalate, .continue])
        #expect(decisions.map(\.tags) == [[], ["now"], [], [], [], ["now"], []])
    }

    @Test func beforeTheFirstCustomerTurnAveragesAreMissing() throws {
        let engine = try engine("""
        rule low { when avg(sentiment, last 3) < 1 then escalate }
        rule none { when not (avg(sentiment, last 3) < 1) then offer_handoff }

        """)
        let decisions = run(engine, [bot()])
        #expect(decisions.first?.rule == "none")
    }
}
