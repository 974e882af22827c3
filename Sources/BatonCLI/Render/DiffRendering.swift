import Baton
import BatonCore
import BatonGraph

/// The report of `baton diff`, in text or JSON.
enum DiffOutput {
    static func render(
        _ result: CorpusDiff.Result, old: String, new: String, oldEngine: RuleEngine, newEngine: RuleEngine,
        format: ReportFormat, colorize: Bool
    ) -> String {
        let names = Set(oldEngine.graph.rules.map(\.name)).union(newEngine.graph.rules.map(\.name)).sorted()
        let changed = result.changed.sorted { $0.label < $1.label }
        switch format {
        case .json:
            return JSON.encode(DiffJSON(result: result, rules: names, changed: changed))
        case .text:
            return text(result, old: old, new: new, rules: names, changed: changed, colorize: colorize)
        }
    }

    private static func text(
        _ result: CorpusDiff.Result, old: String, new: String, rules: [String], changed: [ChangedConversation], colorize: Bool
    ) -> String {
        let a = result.before
        let b = result.after
        var out = "diff \(old) → \(new)\n"
        out += "  corpus          \(a.conversations) conversations in \(plural(a.files - result.failures.count, "file")), \(a.turns) turns\n"
        out += "  escalated       \(a.escalatedConversations) → \(b.escalatedConversations) conversations (\(percent(a.escalationRate)) → \(percent(b.escalationRate)))\n"
        out += "  offered         \(a.offeredConversations) → \(b.offeredConversations) conversations (\(percent(a.offerRate)) → \(percent(b.offerRate)))\n"
        out += "  changed         \(plural(changed.count, "conversation")), \(plural(changed.reduce(0) { $0 + $1.changes.count }, "turn"))\n\n"
        let width = max(24, (rules.map(\.count).max() ?? 0) + 2)
        out += "rule".padded(to: width) + "before".leftPadded(to: 8) + "after".leftPadded(to: 8) + "change".leftPadded(to: 8) + "   (turns decided)\n"
        for rule in rules {
            let before = a.decided[rule] ?? 0
            let after = b.decided[rule] ?? 0
            let delta = after - before
            out += rule.padded(to: width) + String(before).leftPadded(to: 8) + String(after).leftPadded(to: 8)
                + (delta == 0 ? "" : (delta > 0 ? "+\(delta)" : "\(delta)")).leftPadded(to: 8) + "\n"
        }
        if !changed.isEmpty {
            out += "\nchanged conversations:\n"
            for conversation in changed {
                let first = conversation.changes[0]
                out += "  \(conversation.label)  turn \(first.turn)" + (first.line > 0 ? " (line \(first.line))" : "") + "\n"
                out += "    before: " + summary(first.before) + "\n"
                out += "    after:  " + summary(first.after) + "\n"
                if conversation.changes.count > 1 {
                    let others = conversation.changes.dropFirst().map { String($0.turn) }.joined(separator: ", ")
                    out += "    also changed: turn\(conversation.changes.count > 2 ? "s" : "") \(others)\n"
                }
            }
        }
        if !result.failures.isEmpty {
            out += "\nfailed to load (\(plural(result.failures.count, "file"))):\n" + FailureText.render(result.failures, colorize: colorize)
        }
        return out
    }

    /// `escalate to billing (high) by payment_dispute`, on one line.
    static func summary(_ decision: Decision) -> String {
        var text = decision.outcome.rawValue
        if decision.outcome == .escalate, let queue = decision.queue { text += " to \(queue)" }
        if decision.outcome == .escalate, let urgency = decision.urgency { text += " (\(urgency))" }
        if let rule = decision.rule { text += " by \(rule)" }
        return text
    }
}

struct DiffJSON: Encodable {
    struct Side: Encodable {
        var conversations, escalatedConversations, offeredConversations: Int
        var escalationRate, offerRate: Double
        enum CodingKeys: String, CodingKey {
            case conversations
            case escalatedConversations = "escalated_conversations"
            case offeredConversations = "offered_conversations"
            case escalationRate = "escalation_rate"
            case offerRate = "offer_rate"
        }

        init(_ stats: SimulationStats) {
            conversations = stats.conversations
            escalatedConversations = stats.escalatedConversations
            offeredConversations = stats.offeredConversations
            escalationRate = rounded(stats.escalationRate)
            offerRate = rounded(stats.offerRate)
        }
    }

    struct RuleCounts: Encodable { var before, after: Int }

    struct Change: Encodable {
        var file, session: String
        var turn, line: Int
        var before, after: DecisionJSON
    }

    var before: Side
    var after: Side
    var turns: Int
    var rules: [String: RuleCounts]
    var changed: [Change]
    var errors: [FailureJSON]

    init(result: CorpusDiff.Result, rules names: [String], changed conversations: [ChangedConversation]) {
        before = Side(result.before)
        after = Side(result.after)
        turns = result.before.turns
        rules = Dictionary(uniqueKeysWithValues: names.map {
            ($0, RuleCounts(before: result.before.decided[$0] ?? 0, after: result.after.decided[$0] ?? 0))
        })
        changed = conversations.flatMap(\.changes).map {
            Change(file: $0.file, session: $0.session, turn: $0.turn, line: $0.line,
                   before: DecisionJSON($0.before), after: DecisionJSON($0.after))
        }
        errors = result.failures.flatMap(FailureJSON.entries)
    }
}
