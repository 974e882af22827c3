import BatonCore

/// A decision for JSON output, with snake_case keys like the rest of the
/// CLI's JSON (the core type's own coding keys are Swift-cased).
struct DecisionJSON: Encodable, Equatable {
    var outcome: Decision.Outcome
    var rule: String?
    var queue: String?
    var urgency: String?
    var reason: String?
    var message: String?
    var tags: [String]
    var firedRules: [String]
    var shadowRules: [ShadowFiring]
    var heldBack: [GuardHold]
    var trace: [RuleTrace]?

    init(_ decision: Decision) {
        outcome = decision.outcome
        rule = decision.rule
        queue = decision.queue
        urgency = decision.urgency
        reason = decision.reason
        message = decision.message
        tags = Array(decision.tags)
        firedRules = Array(decision.firedRules)
        shadowRules = Array(decision.shadowRules)
        heldBack = Array(decision.heldBack)
        trace = decision.trace
    }

    enum CodingKeys: String, CodingKey {
        case outcome, rule, queue, urgency, reason, message, tags, trace
        case firedRules = "fired_rules"
        case shadowRules = "shadow_rules"
        case heldBack = "held_back"
    }
}

/// One replayed turn as a JSON Lines record (`"type": "turn"`).
struct TurnJSON: Encodable {
    var type = "turn"
    var file: String
    var session: String
    var turn: Int
    var line: Int
    var role: TurnEvent.Role
    var text: String?
    var decision: DecisionJSON

    init(_ turn: ReplayedTurn, in transcript: Transcript) {
        file = transcript.path
        session = transcript.sessionID
        self.turn = turn.number
        line = turn.line
        role = turn.event.role
        text = turn.event.text
        decision = DecisionJSON(turn.decision)
    }
}
