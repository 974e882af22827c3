import BatonCore

/// Canonical rule-language text for nodes and operands, for traces, graph
/// listings and for matching conditions across two graphs (reloads).
extension DecisionGraph {
    /// The condition a node tests, written in the rule language.
    public func describe(_ id: NodeID) -> String {
        describe(self[id].test)
    }

    public func describe(_ test: Test) -> String {
        switch test {
        case .constant(let value): return value ? "true" : "false"
        case .all(let children): return children.map { parenthesized($0) }.joined(separator: " and ")
        case .any(let children): return children.map { parenthesized($0) }.joined(separator: " or ")
        case .not(let child): return "not " + parenthesized(child)
        case .named(let name, _): return name
        case .compare(let relation, let lhs, let rhs):
            return "\(describe(lhs)) \(relation.rawValue) \(describe(rhs))"
        case .intentIn(let ids, let negated):
            let names = ids.map { Int($0) < intents.count ? intents[Int($0)] : "#\($0)" }
            if names.count == 1 { return "intent \(negated ? "!=" : "==") \(names[0])" }
            return "intent \(negated ? "not in" : "in") [\(names.joined(separator: ", "))]"
        case .member(let operand, let values, let negated):
            return "\(describe(operand)) \(negated ? "not in" : "in") [\(values.map(\.quotedDescription).joined(separator: ", "))]"
        case .matches(let operand, let pattern):
            return "\(describe(operand)) matches \(Self.quoted(patterns[pattern]))"
        case .contains(let operand, let phrases):
            return "\(describe(operand)) contains [\(phraseLists[phrases].map(Self.quoted).joined(separator: ", "))]"
        case .exists(let operand): return "\(describe(operand)) exists"
        case .truthy(let operand): return describe(operand)
        case .failed(let api, let failure):
            let subject = api.map { "api.\(apis[$0].name).error" } ?? "api_error"
            return failure == .any ? subject : "\(subject) is \(failure.rawValue)"
        case .called(let api): return "api.\(apis[api].name).error exists"
        case .statusUnknown(let api, _): return "api.\(apis[api].name).status is unknown"
        case .toolCalled(let tool): return "tool_call \(tools[tool])"
        case .intentWas(let track, let within):
            var text = "intent was " + describeTrackIntents(track)
            if let within { text += " within last \(within)" }
            return text
        }
    }

    private func describeTrackIntents(_ track: Int) -> String {
        let node = self[tracks[track].node]
        if case .intentIn(let ids, false) = node.test {
            let names = ids.map { Int($0) < intents.count ? intents[Int($0)] : "#\($0)" }
            return names.count == 1 ? names[0] : "[" + names.joined(separator: ", ") + "]"
        }
        return "(" + describe(node.test) + ")"
    }

    private func parenthesized(_ id: NodeID) -> String {
        switch self[id].test {
        case .all, .any: "(" + describe(id) + ")"
        default: describe(id)
        }
    }

    /// An operand in the rule language (`metadata.tier`, `avg(sentiment, last 3)`).
    public func describe(_ operand: Operand) -> String {
        switch operand {
        case .constant(let value): return value.quotedDescription
        case .signal(let signal): return signal.rawValue
        case .metadata(let slot): return "metadata.\(metadataFields[slot].name)"
        case .api(let slot, let field): return "api.\(apis[slot].name).\(field.rawValue)"
        case .toolSummary: return "tool.summary"
        case .negate(let inner): return "-" + describe(inner)
        case .window(let slot): return describe(windows[slot])
        }
    }

    /// A window in the rule language.
    public func describe(_ window: WindowSpec) -> String {
        let argument: String = switch window.source {
        case .signal(let signal): signal.rawValue
        case .track(let track): describe(tracks[track].node)
        }
        return "\(window.aggregate.rawValue)(\(argument), last \(window.turns))"
    }

    /// `text` in double quotes as a rule file writes it.
    public static func quoted(_ text: String) -> String {
        // Backslashes stay as written: patterns keep `\d` and `\b` verbatim.
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted += "\\" }
            quoted.append(character)
        }
        return quoted + "\""
    }
}
