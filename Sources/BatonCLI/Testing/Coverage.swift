import BatonCore
import BatonGraph

/// Which rules fired during a test run, and which of their top-level
/// conditions (the operands of the rule's outermost `and`/`or`, or the
/// whole condition when there is none) were seen holding and failing.
struct CoverageCollector: Sendable {
    struct Condition: Sendable, Hashable {
        /// `path:line:col` where the condition was written.
        var location: String
        var source: String
        var sortKey: [Int]
        var seenTrue = false
        var seenFalse = false
    }

    struct RuleCoverage: Sendable {
        var name: String
        var isShadow: Bool
        /// Turns on which the rule fired (deciding, also firing, shadow or held back).
        var fired = 0
        var conditions: [Condition]
    }

    private(set) var rules: [RuleCoverage]
    private let index: [String: Int]

    init(graph: DecisionGraph) {
        rules = graph.rules.map { rule in
            RuleCoverage(name: rule.name, isShadow: rule.isShadow, conditions: Self.topLevel(rule.root, in: graph))
        }
        index = Dictionary(rules.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The rule's top-level conditions, in source order.
    static func topLevel(_ root: NodeID, in graph: DecisionGraph) -> [Condition] {
        let node = graph.nodes[root.index]
        var children: [NodeID] = [root]
        switch node.test {
        case .all(let ids), .any(let ids): children = ids
        default: break
        }
        let conditions = children.compactMap { id -> Condition? in
            guard let source = graph.nodes[id.index].source else { return nil }
            return Condition(location: source.description, source: source.text, sortKey: [source.line, source.column])
        }
        // Hash-consed nodes can share a source; list each condition once.
        var seen = Set<String>()
        return conditions.filter { seen.insert($0.location + $0.source).inserted }
            .sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
    }

    mutating func record(_ conversation: ReplayedConversation) {
        for turn in conversation.turns {
            let decision = turn.decision
            var firing = Set(decision.firedRules)
            firing.formUnion(decision.shadowRules.map(\.rule))
            firing.formUnion(decision.heldBack.map(\.rule))
            for name in firing { if let at = index[name] { rules[at].fired += 1 } }
            for trace in decision.trace ?? [] {
                guard let at = index[trace.rule] else { continue }
                for condition in trace.conditions {
                    guard let slot = rules[at].conditions.firstIndex(where: {
                        $0.location == condition.location && $0.source == condition.source
                    }) else { continue }
                    if condition.held { rules[at].conditions[slot].seenTrue = true } else { rules[at].conditions[slot].seenFalse = true }
                }
            }
        }
    }

    var firedRuleCount: Int { rules.count { $0.fired > 0 } }
    /// Share of rules that fired, in percent (100 for an empty set).
    var rulePercent: Double { rules.isEmpty ? 100 : Double(firedRuleCount) * 100 / Double(rules.count) }
    var conditionCount: Int { rules.reduce(0) { $0 + $1.conditions.count } }
    var fullyExercisedConditions: Int { rules.reduce(0) { $0 + $1.conditions.count { $0.seenTrue && $0.seenFalse } } }
    var conditionPercent: Double {
        conditionCount == 0 ? 100 : Double(fullyExercisedConditions) * 100 / Double(conditionCount)
    }

    func renderText() -> String {
        var out = "coverage\n"
        out += "  rules fired       \(firedRuleCount) of \(rules.count) (\(percent(rulePercent / 100)))\n"
        out += "  conditions        \(fullyExercisedConditions) of \(conditionCount) seen both true and false (\(percent(conditionPercent / 100)))\n\n"
        let width = max(24, (rules.map { $0.name.count + ($0.isShadow ? 9 : 0) }.max() ?? 0) + 2)
        out += "rule".padded(to: width) + "fired".leftPadded(to: 7) + "   conditions true / false\n"
        for rule in rules.sorted(by: { $0.name < $1.name }) {
            let name = rule.isShadow ? rule.name + " (shadow)" : rule.name
            let total = rule.conditions.count
            let trues = rule.conditions.count(where: \.seenTrue)
            let falses = rule.conditions.count(where: \.seenFalse)
            out += name.padded(to: width) + String(rule.fired).leftPadded(to: 7) + "   \(trues) of \(total) / \(falses) of \(total)\n"
        }
        var gaps: [String] = []
        for rule in rules.sorted(by: { $0.name < $1.name }) {
            if rule.fired == 0 { gaps.append("  \(rule.name): never fired") }
            for condition in rule.conditions where !(condition.seenTrue && condition.seenFalse) {
                let missing = !condition.seenTrue && !condition.seenFalse ? "never evaluated" : (condition.seenTrue ? "never false" : "never true")
                gaps.append("  \(rule.name): `\(condition.source)` \(missing) (\(condition.location))")
            }
        }
        if !gaps.isEmpty { out += "\nnot exercised:\n" + gaps.joined(separator: "\n") + "\n" }
        return out
    }

    var json: CoverageJSON {
        CoverageJSON(
            rulePercent: rounded(rulePercent), conditionPercent: rounded(conditionPercent),
            rules: Dictionary(uniqueKeysWithValues: rules.map { rule in
                (rule.name, CoverageJSON.Rule(
                    fired: rule.fired, isShadow: rule.isShadow,
                    conditions: rule.conditions.map { .init(location: $0.location, source: $0.source, seenTrue: $0.seenTrue, seenFalse: $0.seenFalse) }))
            })
        )
    }
}

struct CoverageJSON: Encodable {
    struct Condition: Encodable {
        var location, source: String
        var seenTrue, seenFalse: Bool
        enum CodingKeys: String, CodingKey {
            case location, source
            case seenTrue = "seen_true"
            case seenFalse = "seen_false"
        }
    }

    struct Rule: Encodable {
        var fired: Int
        var isShadow: Bool
        var conditions: [Condition]
        enum CodingKeys: String, CodingKey {
            case fired, conditions
            case isShadow = "is_shadow"
        }
    }

    var rulePercent: Double
    var conditionPercent: Double
    var rules: [String: Rule]

    enum CodingKeys: String, CodingKey {
        case rules
        case rulePercent = "rule_percent"
        case conditionPercent = "condition_percent"
    }
}
