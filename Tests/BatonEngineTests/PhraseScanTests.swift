import Baton
import BatonCore
import BatonGraph
import BatonPattern
@testable import BatonRuntime
import BatonTestSupport
import Testing

/// A turn scans its message only for the phrase lists its intent's rules
/// (and the intent-free ones) can read. Every rule must still see what a
/// scan for every list would have told it, on the customer event and on
/// the later events of the turn, which read the bits the scan left.
@Suite struct PhraseScanTests {
    static let rules = """
    rule wismo_agent { when intent == wismo and message contains ["agent"] then escalate }
    rule refund_human { when intent == refund_request and message contains ["a human", "real person"] then offer_handoff }
    rule refund_word { when message contains ["refund"] then tag "refund" }
    rule charged { when intent == payment_dispute and message matches "(charged|billed) (twice|two times)" then escalate }
    rule late { when intent in [sizing, wismo] and message contains ["late"] then tag "late" }

    """

    /// What each rule's condition says of a message, worked out without the engine.
    static func expected(intent: String?, message: String) throws -> Set<String> {
        let folded = FoldedText(message)
        let contains = { (phrases: [String]) in PhraseMatcher(phrases: phrases).matches(folded) }
        var fired: Set<String> = []
        if intent == "wismo", contains(["agent"]) { fired.insert("wismo_agent") }
        if intent == "refund_request", contains(["a human", "real person"]) { fired.insert("refund_human") }
        if contains(["refund"]) { fired.insert("refund_word") }
        if intent == "payment_dispute", try Pattern("(charged|billed) (twice|two times)").matches(folded) { fired.insert("charged") }
        if intent == "sizing" || intent == "wismo", contains(["late"]) { fired.insert("late") }
        return fired
    }

    /// Rules that fired on an event, whether they acted or were held back by a guard.
    static func fired(_ decision: Decision) -> Set<String> {
        Set(decision.firedRules + decision.heldBack.map(\.rule))
    }

    @Test("Each intent's rules find their phrases; the turn's bot event sees the same", arguments: [
        ("wismo", "agent, a human, refund please, late"),
        ("refund_request", "agent, a human, refund please, late"),
        ("payment_dispute", "I was BILLED two times, refund"),
        ("payment_dispute", "charged  twice"),
        ("sizing", "Late again. Agent!"),
        ("wismo", "Ágent, where is it? late"),
        ("not_in_schema", "agent refund late"),
        (nil, "a real person please, refund"),
    ] as [(String?, String)])
    func intentsReadTheirLists(intent: String?, message: String) throws {
        let engine = try engine(Self.rules)
        let decisions = run(engine, [customer(message, intent: intent), bot("let me look")])
        let expected = try Self.expected(intent: intent, message: message)
        #expect(Self.fired(decisions[0]) == expected)
        #expect(Self.fired(decisions[1]) == expected)
    }

    @Test("Random messages and intents give what a scan for every list gives")
    func randomTurns() throws {
        let engine = try engine(Self.rules)
        let words = ["agent", "a", "human", "real", "person", "refund", "late", "charged", "billed", "twice", "two", "times",
                     "order", "Agent", "LATE", "réfund", "  ", "\n"]
        let intents: [String?] = ["wismo", "refund_request", "payment_dispute", "sizing", "fraud", "unknown", nil]
        var random = SeededRandom(seed: 41)
        var session = engine.makeSession(id: "s")
        for _ in 0..<2_000 {
            let message = (0..<random.next(14)).map { _ in words[random.next(words.count)] }.joined(separator: " ")
            let intent = intents[random.next(intents.count)]
            let expected = try Self.expected(intent: intent, message: message)
            #expect(Self.fired(engine.evaluate(customer(message, intent: intent), in: &session)) == expected, "\(intent ?? "-") \(message)")
            #expect(Self.fired(engine.evaluate(bot(), in: &session)) == expected, "bot after \(intent ?? "-") \(message)")
        }
    }

    @Test("Each intent's matcher looks for its rules' lists and the intent-free ones, and no others")
    func matcherPerIntent() throws {
        let graph = try engine(Self.rules).graph
        let plan = Plan(graph: graph, layout: StateLayout(graph), scorer: nil)
        let list = { (phrases: [String]) in graph.phraseLists.firstIndex(of: phrases)! }
        let agent = list(["agent"]), human = list(["a human", "real person"]), refund = list(["refund"]), late = list(["late"])
        let charged = try #require(plan.phraseSet.patternLists[0])
        let expected: [(intent: UInt16, lists: Set<Int>)] = [
            (graph.intentIDs["wismo"]!, [agent, late, refund]),
            (graph.intentIDs["refund_request"]!, [human, refund]),
            (graph.intentIDs["payment_dispute"]!, [charged, refund]),
            (graph.intentIDs["sizing"]!, [late, refund]),
            (graph.intentIDs["fraud"]!, [refund]),
            (CurrentTurn.unknownIntent, [refund]),
            (CurrentTurn.noIntent, [refund]),
        ]
        for (intent, lists) in expected {
            let covered = Set((0..<plan.phraseSet.listCount).filter { plan.phraseScans.covers($0, intent: intent) })
            #expect(covered == lists, "intent \(intent)")
            #expect(plan.phraseScans.matcher(forIntent: intent, allLists: false).isFull == false)
            let every = plan.phraseScans.matcher(forIntent: intent, allLists: true)
            #expect(every.isFull && every.matcher.takeUnretainedValue() === plan.phraseSet)
        }
    }

    @Test("A list the turn's scan did not look for has every list scanned")
    func uncoveredListScansAll() throws {
        let graph = try engine(Self.rules).graph
        let plan = Plan(graph: graph, layout: StateLayout(graph), scorer: nil)
        let agent = graph.phraseLists.firstIndex(of: ["agent"])!, human = graph.phraseLists.firstIndex(of: ["a human", "real person"])!
        var memo = [UInt8](repeating: 0, count: graph.nodes.count)
        memo.withUnsafeMutableBufferPointer { memo in
            let state = SessionState(words: plan.layout.wordCount, metadataFields: graph.metadataFields.count)
            var run = TurnRun(plan: plan, state: state, memo: memo.baseAddress!, explain: false)
            run.ingest(customer("a human agent", intent: "wismo"))
            let agentFound = run.phraseHolds(agent)
            #expect(agentFound)
            #expect(run.state.turn.phraseScan == .turnLists)
            // wismo's rules never read this list; asked anyway, it is found by a scan for all.
            let humanFound = run.phraseHolds(human), agentAgain = run.phraseHolds(agent)
            #expect(humanFound && agentAgain)
            #expect(run.state.turn.phraseScan == .allLists)
        }
    }
}
