import BatonCore
import BatonLanguage

/// An escalation or handoff offer without a `reason`: the operator would get
/// a ticket that does not say why.
struct MissingReason: LintRule {
    static let name = "missing-reason"
    static let summary = "an escalate or offer_handoff action without a reason"

    func lint(_ context: LintContext) -> [Diagnostic] {
        let rules = context.ruleSet.rules
        // The rules were noted as they were checked: reading two fields of
        // every rule again here misses the cache on each one of a large set.
        return context.rulesLackingReason.map { index in
            let action = rules[index].declaration.actions.first(where: Self.handsOver)
            return warning(
                Self.message(rules[index].name, outcome: rules[index].outcome),
                path: rules[index].path,
                range: action?.span.range ?? rules[index].nameRange,
                help: "add `reason \"...\"` so the operator knows why"
            )
        }
    }

    /// Whether a rule with this outcome and reason gets the warning.
    static func lacksReason(_ outcome: Outcome, _ reason: CheckedTemplate?) -> Bool {
        outcome != .continue && reason == nil
    }
}

extension MissingReason {
    private static func handsOver(_ action: Action) -> Bool {
        switch action {
        case .escalate, .offerHandoff: true
        case .tag, .continueConversation: false
        }
    }

    fileprivate static func message(_ rule: String, outcome: Outcome) -> String {
        "`\(outcome.rawValue)` in rule `\(rule)` has no reason"
    }
}
