import BatonCore
import BatonGraph

/// Conflict resolution, loop guards and the decision.
extension TurnRun {
    /// Decides the turn into `decision`, which starts as a plain `continue`.
    mutating func decide(into decision: inout Decision) {
        let intent = state.turn.intent < CurrentTurn.unknownIntent ? state.turn.intent : nil
        let candidates = graph.candidateRules(forIntent: intent)
        let holdingGuard = activeGuard()
        var winner: Int?
        var fired: [String] = []
        var shadows: [ShadowFiring] = []
        var held: [GuardHold] = []
        var tags: [String] = []
        var traces: [RuleTrace] = []
        if explain { traces.reserveCapacity(candidates.count) }
        // Candidates are in conflict order, so the first acting rule that
        // fires and is not held back decides the turn.
        for candidate in candidates {
            let index = Int(candidate)
            let hot = rules[index]
            stats.rulesVisited += 1
            // Most candidates fail on a first test already known this event
            // (shared by many rules): see that without a call.
            if !explain, memo[Int(hot.firstTest)] == 1 { continue }
            let fires = hot.hasResidual
                ? every(from: Int(hot.residualStart), count: Int(hot.residualCount)) : holds(hot.root)
            if explain { traces.append(trace(ofRule: index, fired: fires)) }
            guard fires else { continue }
            // Only a firing rule touches its names and tags.
            // Names and tags come from the plan: reading them through
            // `graph.rules[index]` would copy the whole rule.
            if hot.isShadow {
                shadows.append(ShadowFiring(rule: plan.ruleNames[index], outcome: hot.outcome))
                continue
            }
            if hot.hasTags {
                if tags.isEmpty { tags.reserveCapacity(min(candidates.count, 16)) }
                tags.append(contentsOf: plan.ruleTags[index])
            }
            if hot.outcome != .continue, !hot.bypassGuards, let holdingGuard {
                if held.isEmpty { held.reserveCapacity(min(candidates.count, 16)) }
                held.append(GuardHold(rule: plan.ruleNames[index], guardName: holdingGuard))
                continue
            }
            if fired.isEmpty { fired.reserveCapacity(min(candidates.count, 16)) }
            fired.append(plan.ruleNames[index])
            if winner == nil { winner = index }
        }
        if !tags.isEmpty { decision.tags = Self.normalized(tags) }
        if !shadows.isEmpty { decision.shadowRules = shadows }
        if !held.isEmpty { decision.heldBack = held }
        if explain { decision.trace = traces }
        guard let winner else { return }
        let rule = graph.rules[winner]
        if rule.outcome == .escalate, !state.flags.contains(.escalatedThisTurn) {
            state.flags.insert(.escalatedThisTurn)
            if state.escalationCounter < .max { state.escalationCounter += 1 }
        }
        decision.outcome = rule.outcome
        decision.rule = rule.name
        decision.queue = rule.queue
        decision.urgency = rule.urgency
        decision.reason = rule.reason.map { render($0) }
        decision.message = rule.say.map { render($0) }
        decision.firedRules = fired
    }

    /// The guard that holds back escalations and handoff offers this turn, if any.
    private func activeGuard() -> GuardHold.Guard? {
        if state.flags.contains(.inCooldown) { return .cooldown }
        if let limit = graph.guards.maxEscalations {
            // An escalation earlier in this same turn does not hold back the turn's later events.
            let before = state.escalations - (state.flags.contains(.escalatedThisTurn) ? 1 : 0)
            if before >= limit { return .maxEscalations }
        }
        return nil
    }

    private static func normalized(_ tags: [String]) -> [String] {
        tags.count <= 1 ? tags : Array(Set(tags)).sorted()
    }

    // MARK: Templates

    /// Renders a template; a missing value renders as an empty string and
    /// numbers use `Value.format`.
    mutating func render(_ template: Template) -> String {
        var text = ""
        for part in template.parts {
            switch part {
            case .text(let literal): text += literal
            case .metadata(let slot): text += Self.rendered(value(.metadata(slot: slot)))
            case .api(let slot, let field): text += Self.rendered(value(.api(slot: slot, field)))
            case .toolSummary: text += state.turn.toolSummary ?? ""
            case .signal(let signal): text += Self.rendered(value(.signal(signal)))
            }
        }
        return text
    }

    static func rendered(_ value: Value?) -> String {
        switch value {
        case nil, .null?: ""
        case .number(let number)?: Value.format(number)
        case let other?: other.description
        }
    }
}
