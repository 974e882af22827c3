import BatonCore
import BatonLanguage

/// An escalation or handoff offer without a `reason`: the operator would get
/// a ticket that does not say why.
struct MissingReason: LintRule {
    static let name = "missing-reason"
    static let summary = "an escalate or offer_handoff action without a reason"

    func lint(_ context: LintContext) -> [Diagnostic] {
        let rules = context.ruleSet.rules
        // By index: iterating the rules themselves would copy each `CheckedRule`.
        return rules.indices.compactMap { index in
            guard rules[index].outcome != .continue, rules[index].reason == nil else { return nil }
            let rule = rules[index]
            let action = rule.declaration.actions.first(where: Self.handsOver)
            return warning(
                Self.message(rule.name, outcome: rule.outcome),
                path: rule.path,
                range: action?.span.range ?? rule.nameRange,
                help: "add `reason \"...\"` so the operator knows why"
            )
        }
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
