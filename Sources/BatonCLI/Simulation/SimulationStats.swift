import BatonCore

/// Counts over a replayed corpus. Built per file in parallel and merged
/// in path order, so the totals do not depend on scheduling.
struct SimulationStats: Sendable, Codable {
    var files = 0
    var conversations = 0
    var turns = 0
    var customerTurns = 0
    var escalatedConversations = 0
    var offeredConversations = 0
    var escalateTurns = 0
    var offerTurns = 0
    /// Customer turns up to and including each conversation's first escalation.
    var turnsToEscalation: [Int] = []
    /// Turns each rule decided (it won the conflict).
    var decided: [String: Int] = [:]
    /// Turns on which each acting rule fired, winning or not.
    var fired: [String: Int] = [:]
    /// Turns on which each shadow rule would have fired.
    var shadow: [String: Int] = [:]
    /// Turns on which a loop guard held each rule back.
    var heldBack: [String: Int] = [:]

    mutating func add(_ conversation: ReplayedConversation) {
        conversations += 1
        turns += conversation.turns.count
        customerTurns += conversation.turns.last?.customerTurns ?? 0
        var offered = false
        for turn in conversation.turns {
            let decision = turn.decision
            switch decision.outcome {
            case .escalate: escalateTurns += 1
            case .offerHandoff: offerTurns += 1; offered = true
            case .continue: break
            }
            if let rule = decision.rule { decided[rule, default: 0] += 1 }
            for rule in decision.firedRules { fired[rule, default: 0] += 1 }
            for firing in decision.shadowRules { shadow[firing.rule, default: 0] += 1 }
            for hold in decision.heldBack { heldBack[hold.rule, default: 0] += 1 }
        }
        if let first = conversation.firstEscalation {
            escalatedConversations += 1
            turnsToEscalation.append(first.customerTurns)
        }
        if offered { offeredConversations += 1 }
    }

    mutating func merge(_ other: SimulationStats) {
        files += other.files
        conversations += other.conversations
        turns += other.turns
        customerTurns += other.customerTurns
        escalatedConversations += other.escalatedConversations
        offeredConversations += other.offeredConversations
        escalateTurns += other.escalateTurns
        offerTurns += other.offerTurns
        turnsToEscalation += other.turnsToEscalation
        decided.merge(other.decided, uniquingKeysWith: +)
        fired.merge(other.fired, uniquingKeysWith: +)
        shadow.merge(other.shadow, uniquingKeysWith: +)
        heldBack.merge(other.heldBack, uniquingKeysWith: +)
    }

    /// Share of conversations that escalated at least once, 0 to 1.
    var escalationRate: Double { conversations == 0 ? 0 : Double(escalatedConversations) / Double(conversations) }
    /// Share of conversations offered a handoff at least once, 0 to 1.
    var offerRate: Double { conversations == 0 ? 0 : Double(offeredConversations) / Double(conversations) }

    var medianTurnsToEscalation: Double? {
        guard !turnsToEscalation.isEmpty else { return nil }
        let sorted = turnsToEscalation.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }

    var meanTurnsToEscalation: Double? {
        guard !turnsToEscalation.isEmpty else { return nil }
        return Double(turnsToEscalation.reduce(0, +)) / Double(turnsToEscalation.count)
    }
}
