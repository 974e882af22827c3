import BatonCore

/// The end-of-run summary of `simulate`, in text or JSON.
struct SimulationSummary: Sendable {
    var stats: SimulationStats
    /// Every rule of the set, so rules that never fired show up with zeros.
    var rules: [(name: String, shadow: Bool)]
    var unknownIntents: [String: Int]
    var failures: [TranscriptFailure]

    func renderText(colorize: Bool) -> String {
        let s = stats
        var out = "summary\n"
        let failed = failures.isEmpty ? "" : " (\(plural(failures.count, "file")) failed to load)"
        out += row("conversations", "\(s.conversations) in \(plural(s.files - failures.count, "file"))\(failed)")
        out += row("turns", "\(s.turns) (\(s.customerTurns) customer turns)")
        out += row("escalated", "\(s.escalatedConversations) of \(s.conversations) conversations (\(percent(s.escalationRate))); \(plural(s.escalateTurns, "turn")) escalated")
        out += row("offered", "\(s.offeredConversations) of \(s.conversations) conversations (\(percent(s.offerRate))); \(plural(s.offerTurns, "turn")) offered a handoff")
        if let median = s.medianTurnsToEscalation, let mean = s.meanTurnsToEscalation {
            out += row("to escalation", "median \(Value.format(median)), mean \(format1(mean)) customer turns")
        } else {
            out += row("to escalation", "no escalations")
        }
        let unknown = unknownIntents.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
        out += row("unknown intents", unknown.isEmpty ? "none" : unknown.joined(separator: ", "))
        out += "\n" + ruleTable()
        if !failures.isEmpty {
            out += "\nfailed to load (\(plural(failures.count, "file"))):\n"
            out += FailureText.render(failures, colorize: colorize)
        }
        return out
    }

    /// `rule  decided  fired  shadow  held back`, one row per rule, by name.
    func ruleTable() -> String {
        let width = max(24, (rules.map { $0.name.count + ($0.shadow ? 9 : 0) }.max() ?? 0) + 2)
        var out = "rule".padded(to: width) + "decided".leftPadded(to: 8) + "fired".leftPadded(to: 8)
            + "shadow".leftPadded(to: 8) + "held back".leftPadded(to: 11) + "\n"
        for rule in rules.sorted(by: { $0.name < $1.name }) {
            let name = rule.shadow ? rule.name + " (shadow)" : rule.name
            out += name.padded(to: width)
            out += String(stats.decided[rule.name] ?? 0).leftPadded(to: 8)
            out += String(stats.fired[rule.name] ?? 0).leftPadded(to: 8)
            out += String(stats.shadow[rule.name] ?? 0).leftPadded(to: 8)
            out += String(stats.heldBack[rule.name] ?? 0).leftPadded(to: 11) + "\n"
        }
        return out
    }

    var json: SummaryJSON {
        var perRule: [String: SummaryJSON.RuleCounts] = [:]
        for rule in rules {
            perRule[rule.name] = .init(
                decided: stats.decided[rule.name] ?? 0, fired: stats.fired[rule.name] ?? 0,
                shadow: stats.shadow[rule.name] ?? 0, heldBack: stats.heldBack[rule.name] ?? 0, isShadow: rule.shadow
            )
        }
        return SummaryJSON(
            files: stats.files, conversations: stats.conversations, turns: stats.turns, customerTurns: stats.customerTurns,
            escalatedConversations: stats.escalatedConversations, escalationRate: rounded(stats.escalationRate),
            offeredConversations: stats.offeredConversations, offerRate: rounded(stats.offerRate),
            escalatingTurns: stats.escalateTurns, offeringTurns: stats.offerTurns,
            medianTurnsToEscalation: stats.medianTurnsToEscalation, meanTurnsToEscalation: stats.meanTurnsToEscalation.map(rounded),
            rules: perRule, unknownIntents: unknownIntents, failures: failures.flatMap(FailureJSON.entries)
        )
    }

    private func row(_ label: String, _ value: String) -> String { "  " + label.padded(to: 17) + value + "\n" }
}

/// The summary as one JSON object (`"type": "summary"`).
struct SummaryJSON: Encodable {
    struct RuleCounts: Encodable {
        var decided, fired, shadow, heldBack: Int
        var isShadow: Bool
        enum CodingKeys: String, CodingKey {
            case decided, fired, shadow
            case heldBack = "held_back"
            case isShadow = "is_shadow"
        }
    }

    var type = "summary"
    var files, conversations, turns, customerTurns: Int
    var escalatedConversations: Int
    var escalationRate: Double
    var offeredConversations: Int
    var offerRate: Double
    var escalatingTurns, offeringTurns: Int
    var medianTurnsToEscalation: Double?
    var meanTurnsToEscalation: Double?
    var rules: [String: RuleCounts]
    var unknownIntents: [String: Int]
    var failures: [FailureJSON]

    enum CodingKeys: String, CodingKey {
        case type, files, conversations, turns, rules, failures
        case customerTurns = "customer_turns"
        case escalatedConversations = "escalated_conversations"
        case escalationRate = "escalation_rate"
        case offeredConversations = "offered_conversations"
        case offerRate = "offer_rate"
        case escalatingTurns = "escalating_turns"
        case offeringTurns = "offering_turns"
        case medianTurnsToEscalation = "median_turns_to_escalation"
        case meanTurnsToEscalation = "mean_turns_to_escalation"
        case unknownIntents = "unknown_intents"
    }
}

func plural(_ count: Int, _ noun: String) -> String { count == 1 ? "1 \(noun)" : "\(count) \(noun)s" }
func percent(_ rate: Double) -> String { format1(rate * 100) + "%" }
/// One decimal, always shown: `33.3`.
func format1(_ value: Double) -> String {
    let scaled = (value * 10).rounded()
    let whole = Int(scaled) / 10
    let tenth = abs(Int(scaled) % 10)
    return (scaled < 0 && whole == 0 ? "-" : "") + "\(whole).\(tenth)"
}
/// Four decimals, so JSON output does not carry binary noise (0.30000000000000004).
func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
