import Baton
import BatonCore
import Testing

/// A turn's intent is the NLU's most confident one; on a tie, the first listed.
struct TopIntentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var intents: [(String, Double)]
        var top: Int?
        var testDescription: String { "\(intents) → \(top.map(String.init) ?? "none")" }
    }

    static let cases: [Case] = [
        Case(intents: [], top: nil),
        Case(intents: [("wismo", 0.5)], top: 0),
        Case(intents: [("sizing", 0.4), ("wismo", 0.8)], top: 1),
        Case(intents: [("wismo", 0.8), ("sizing", 0.4)], top: 0),
        Case(intents: [("sizing", 0.3), ("wismo", 0.9), ("fraud", 0.9)], top: 1),
        Case(intents: [("sizing", 0.9), ("wismo", 0.9), ("fraud", 0.2)], top: 0),
    ]

    @Test(arguments: cases)
    func theMostConfidentIntentComesFirst(_ testCase: Case) throws {
        let event = TurnEvent(
            sessionID: "s", role: .customer, text: "hi",
            intents: testCase.intents.map { IntentScore(name: $0.0, confidence: $0.1) })
        #expect(event.topIntentIndex == testCase.top)
        #expect(event.topIntent?.name == testCase.top.map { testCase.intents[$0].0 })
        // The engine decides on that intent, and its confidence.
        let engine = try engine("rule r { when intent == wismo and confidence >= 0.5 then escalate }\n")
        let decisions = run(engine, [event])
        let expected = testCase.top.map { testCase.intents[$0].0 == "wismo" && testCase.intents[$0].1 >= 0.5 } ?? false
        #expect((decisions.first?.outcome == .escalate) == expected)
    }
}
