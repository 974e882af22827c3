import BatonCore
import Foundation

/// Plain-text rendering of turns, decisions and traces for `simulate`,
/// `explain` and `test`. Pure functions of their input, so output is stable.
enum DecisionText {
    /// Longest message excerpt shown on a turn line.
    static let maxTextWidth = 72

    /// `   3 customer  "text"  {wismo 0.92; api orders: shipped}`
    static func turnLine(_ turn: ReplayedTurn, indent: String = "  ") -> String {
        let number = String(turn.number).leftPadded(to: 4)
        let role = turn.event.role.rawValue.padded(to: 9)
        var line = "\(indent)\(number) \(role)"
        if let text = turn.event.text {
            line += quoted(text, limit: maxTextWidth)
        } else {
            line += "(no text)"
        }
        let facts = eventFacts(turn.event)
        if !facts.isEmpty { line += "  {" + facts.joined(separator: "; ") + "}" }
        return line + "\n"
    }

    /// Intents, API results, tool calls and hand-backs of an event, briefly.
    static func eventFacts(_ event: TurnEvent) -> [String] {
        var facts: [String] = []
        for intent in event.intents.sorted(by: { $0.confidence > $1.confidence }) {
            facts.append("\(intent.name) \(Value.format(intent.confidence))")
        }
        for result in event.apiResults {
            var parts: [String] = []
            if let status = result.status { parts.append(status) }
            if result.timedOut { parts.append("timed out") }
            if let code = result.errorCode { parts.append("error \(code)") }
            if let http = result.httpStatus { parts.append("HTTP \(http)") }
            facts.append("api \(result.api): " + (parts.isEmpty ? "called" : parts.joined(separator: ", ")))
        }
        for call in event.toolCalls {
            if case .string(let summary) = call.arguments["summary"] {
                facts.append("tool \(call.name): \(quoted(summary, limit: 48))")
            } else {
                facts.append("tool \(call.name)")
            }
        }
        if event.handBack { facts.append("hands back to the bot") }
        return facts
    }

    /// `→ escalate to billing (high) by payment_dispute: reason`, then tags,
    /// other firing rules, shadow rules and guard holds on their own lines.
    static func decisionLines(_ decision: Decision, indent: String = "         ", showMessage: Bool = false) -> String {
        var head = "\(indent)→ \(decision.outcome.rawValue)"
        if decision.outcome == .escalate, let queue = decision.queue { head += " to \(queue)" }
        if let urgency = decision.urgency, decision.outcome == .escalate { head += " (\(urgency))" }
        if let rule = decision.rule { head += " by \(rule)" }
        if let reason = decision.reason, !reason.isEmpty, decision.outcome != .continue { head += ": \(reason)" }
        var out = head + "\n"
        let more = indent + "  "
        if showMessage, let message = decision.message, !message.isEmpty {
            out += "\(more)says: \(quoted(message, limit: 200))\n"
        }
        if !decision.tags.isEmpty { out += "\(more)tags: \(decision.tags.joined(separator: ", "))\n" }
        let others = decision.firedRules.filter { $0 != decision.rule }
        if !others.isEmpty { out += "\(more)also fired: \(others.joined(separator: ", "))\n" }
        for firing in decision.shadowRules {
            out += "\(more)shadow: \(firing.rule) would have decided \(firing.outcome.rawValue)\n"
        }
        for hold in decision.heldBack {
            out += "\(more)held back: \(hold.rule) by \(hold.guardName.rawValue)\n"
        }
        return out
    }

    /// Every traced rule with its conditions: `✓` held, `✗` did not.
    static func traceLines(_ trace: [RuleTrace], indent: String = "         ") -> String {
        guard !trace.isEmpty else { return "\(indent)trace: no rule was visited for this turn\n" }
        var out = "\(indent)trace:\n"
        for rule in trace {
            let status = rule.fired ? (rule.shadow ? "would fire (shadow)" : "fired") : "did not fire"
            out += "\(indent)  \(rule.rule): \(status)\n"
            for condition in rule.conditions {
                let mark = condition.held ? "✓" : "✗"
                var line = "\(indent)    \(mark) \(condition.source)"
                if !condition.detail.isEmpty { line += " — \(condition.detail)" }
                if !condition.location.isEmpty { line += "  (\(condition.location))" }
                out += line + "\n"
            }
        }
        return out
    }

    /// Text in double quotes, on one line, cut to `limit` characters.
    static func quoted(_ text: String, limit: Int) -> String {
        // Line breaks become spaces byte by byte (CR and LF are never part of
        // a longer UTF-8 sequence): Foundation's `replacingOccurrences` was
        // a fifth of `simulate`'s time printing every turn of a large corpus.
        var flat = text
        if text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            flat = String(decoding: text.utf8.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }, as: UTF8.self)
        }
        // No more bytes than the limit means no more characters either, without counting them.
        if flat.utf8.count > limit, flat.count > limit { flat = String(flat.prefix(limit - 1)) + "…" }
        return "\"\(flat)\""
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
