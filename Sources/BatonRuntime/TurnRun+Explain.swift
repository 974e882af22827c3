import BatonCore
import BatonGraph
import BatonPattern

/// Readable evidence for traces: each condition with the values that made
/// it hold or fail ("avg(sentiment, last 3) was -0.62, at most -0.45: held").
/// Only built when the caller asks for an explanation.
extension TurnRun {
    mutating func trace(ofRule index: Int, fired: Bool) -> RuleTrace {
        let rule = graph.rules[index]
        let parts: [NodeID]
        switch graph[rule.root].test {
        case .all(let children), .any(let children): parts = children
        default: parts = [rule.root]
        }
        let conditions = parts.map { part -> ConditionTrace in
            let node = graph[part]
            let held = holds(part)
            let location = node.source?.description ?? rule.source.description
            return ConditionTrace(
                source: node.source?.text ?? graph.describe(part), held: held,
                detail: evidence(part) + (held ? ": held" : ": failed"), location: location)
        }
        return RuleTrace(rule: rule.name, fired: fired, shadow: rule.isShadow, conditions: conditions)
    }

    /// What was measured for a node, without the verdict.
    mutating func evidence(_ id: NodeID) -> String {
        switch graph[id].test {
        case .constant(let value):
            return value ? "always true" : "always false"
        case .all(let children), .any(let children):
            return children.map { "\(evidence($0)) (\(holds($0) ? "held" : "failed"))" }.joined(separator: "; ")
        case .not(let child):
            return "not: \(evidence(child)) (\(holds(child) ? "held" : "failed"))"
        case .named(let name, let child):
            return "\(name): \(evidence(child))"
        case .compare(let relation, let lhs, let rhs):
            return "\(graph.describe(lhs)) \(shown(lhs)), \(relation.phrase) \(shownPlain(rhs))"
        case .intentIn(let ids, let negated):
            let names = ids.map { graph.intents[Int($0)] }.joined(separator: ", ")
            return "top intent \(currentIntent()), \(negated ? "expected none of" : "expected one of") [\(names)]"
        case .member(let operand, let values, let negated):
            return "\(graph.describe(operand)) \(shown(operand)), \(negated ? "not in" : "in") [\(values.map(\.quotedDescription).joined(separator: ", "))]"
        case .matches(let operand, let pattern):
            return "\(graph.describe(operand)) \(holds(id) ? "matched" : "did not match") \(DecisionGraph.quoted(graph.patterns[pattern]))"
        case .contains(let operand, let phrases):
            let list = graph.phraseLists[phrases]
            if holds(id), case .signal(.message) = operand, let message,
               let first = graph.phraseMatchers[phrases].firstMatch(folded ?? FoldedText(message)) {
                return "\(graph.describe(operand)) contained \(DecisionGraph.quoted(list[first]))"
            }
            return "\(graph.describe(operand)) \(holds(id) ? "contained one of" : "contained none of") [\(list.map(DecisionGraph.quoted).joined(separator: ", "))]"
        case .exists(let operand):
            return "\(graph.describe(operand)) \(value(operand) == nil ? "is missing" : "is \(TurnRun.rendered(value(operand)))")"
        case .truthy(let operand):
            return "\(graph.describe(operand)) \(shown(operand))"
        case .failed(let api, let failure):
            guard let api else {
                return state.turn.anyFailure.isEmpty ? "no API call failed this turn" : "an API call failed this turn (\(failureClasses(state.turn.anyFailure)))"
            }
            let name = graph.apis[api].name
            guard let record = apiRecord(api) else { return "API \(name) was not called this turn" }
            let http = record.httpStatus != 0 ? ", HTTP \(record.httpStatus)" : ""
            let code = record.errorCode.map { ", error code \"\($0)\"" } ?? ""
            return record.flags.contains(.failed)
                ? "API \(name) failed (\(failureClasses(record.flags))\(http)\(code)), expected \(failure.rawValue)"
                : "API \(name) succeeded\(http)"
        case .called(let api):
            return "API \(graph.apis[api].name) \(apiRecord(api) == nil ? "was not called" : "was called") this turn"
        case .statusUnknown(let api, let known):
            let status = apiRecord(api)?.status.map { "was \"\($0)\"" } ?? "is missing"
            return "api.\(graph.apis[api].name).status \(status); declared: \(known.joined(separator: ", "))"
        case .toolCalled(let tool):
            return "tool \(graph.tools[tool]) \(state.turn.toolCalled(tool) ? "was called" : "was not called") this turn"
        case .intentWas(let track, let within):
            let scope = within.map { "in the \($0) turns before this one" } ?? "earlier in the session"
            return "\(graph.describe(graph.tracks[track].node)) \(holds(id) ? "held" : "did not hold") \(scope)"
        }
    }

    private mutating func shown(_ operand: Operand) -> String {
        guard let value = value(operand) else { return "is missing" }
        if case .number(let number) = value { return "was " + Value.format(number) }
        return "was " + value.quotedDescription
    }

    private mutating func shownPlain(_ operand: Operand) -> String {
        if case .constant(let value) = operand { return value.quotedDescription }
        guard let value = value(operand) else { return "\(graph.describe(operand)) (missing)" }
        return "\(graph.describe(operand)) (\(value.quotedDescription))"
    }

    private func currentIntent() -> String {
        let intent = state.turn.intent
        if intent == CurrentTurn.noIntent { return "is missing" }
        if intent == CurrentTurn.unknownIntent { return "was \(state.turn.unknownIntentName ?? "?") (not in the schema)" }
        return "was \(graph.intents[Int(intent)]) (\(Value.format(Double(state.turn.confidence) / StateLayout.scale)))"
    }

    private func failureClasses(_ flags: APIRecord.Flags) -> String {
        var names: [String] = []
        if flags.contains(.clientError) { names.append("4xx") }
        if flags.contains(.serverError) { names.append("5xx") }
        if flags.contains(.timeout) { names.append("timeout") }
        return names.isEmpty ? "error" : names.joined(separator: ", ")
    }
}
