import Baton
import BatonCore

/// One turn of a replayed conversation: the event, where it was written,
/// and what the rules decided.
struct ReplayedTurn: Sendable {
    /// 1-based: the Nth event of the conversation.
    var number: Int
    /// The event's line in its file (0 when unknown).
    var line: Int
    var event: TurnEvent
    var decision: Decision
    /// Customer turns so far, this one included.
    var customerTurns: Int
}

/// A conversation with the decision for each of its turns.
struct ReplayedConversation: Sendable {
    var transcript: Transcript
    var turns: [ReplayedTurn]

    /// The first turn that escalated, if any.
    var firstEscalation: ReplayedTurn? { turns.first { $0.decision.outcome == .escalate } }
}

/// Feeds a conversation to an engine, one event at a time, in a fresh session.
enum Replay {
    /// - Parameter explain: which turns get a trace (by 1-based number).
    static func run(_ transcript: Transcript, engine: RuleEngine, explain: (Int) -> Bool = { _ in false }) -> ReplayedConversation {
        var session = engine.makeSession(id: transcript.sessionID)
        var turns: [ReplayedTurn] = []
        turns.reserveCapacity(transcript.events.count)
        for (index, event) in transcript.events.enumerated() {
            let decision = engine.evaluate(event, in: &session, explain: explain(index + 1))
            let line = index < transcript.lines.count ? transcript.lines[index] : 0
            turns.append(ReplayedTurn(number: index + 1, line: line, event: event, decision: decision, customerTurns: session.turnCount))
        }
        return ReplayedConversation(transcript: transcript, turns: turns)
    }

    static func run(_ transcript: Transcript, engine: RuleEngine, explainAll: Bool) -> ReplayedConversation {
        run(transcript, engine: engine, explain: { _ in explainAll })
    }
}
