import BatonCore
import BatonGraph

/// What a winning rule puts in the decision: one reference to read, where
/// `graph.rules[i]` would copy the whole rule (its labels, source, tags).
final class RuleAction: Sendable {
    let outcome: Decision.Outcome
    let name: String
    let queue: String?
    let urgency: String?
    let reason: PreparedTemplate?
    let say: PreparedTemplate?

    init(_ rule: GraphRule) {
        outcome = rule.outcome
        name = rule.name
        queue = rule.queue
        urgency = rule.urgency
        reason = rule.reason.map(PreparedTemplate.init)
        say = rule.say.map(PreparedTemplate.init)
    }
}

/// A template as `render` uses it: literal text joined once, so a template
/// without placeholders (most transition messages) is one string.
enum PreparedTemplate: Sendable {
    case constant(String)
    /// Adjacent literals joined; `literalBytes` sizes the rendered text.
    case parts([Template.Part], literalBytes: Int)

    init(_ template: Template) {
        var text = ""
        for part in template.parts {
            guard case .text(let literal) = part else {
                let parts = Self.merged(template.parts)
                let literalBytes = parts.reduce(0) { total, part in
                    if case .text(let literal) = part { total + literal.utf8.count } else { total }
                }
                self = .parts(parts, literalBytes: literalBytes)
                return
            }
            text += literal
        }
        self = .constant(text)
    }

    /// `parts` with adjacent literals joined.
    private static func merged(_ parts: [Template.Part]) -> [Template.Part] {
        var result: [Template.Part] = []
        for part in parts {
            if case .text(let literal) = part, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + literal)
            } else {
                result.append(part)
            }
        }
        return result
    }
}

/// Every tag of the rule set once, sorted, so a turn collects tag ids and
/// sorting and deduplicating them sorts and deduplicates the strings.
struct TagTable {
    /// Tag id → tag, ascending.
    let names: [String]
    /// Per rule: its tag ids, `ids[starts[r]..<starts[r + 1]]`.
    let ids: [Int32]
    let starts: [Int32]
    /// Per rule: its tags as bits (bit `i` for tag id `i`); empty when the
    /// rules have more than 64 tags in all.
    let bits: [UInt64]

    init(_ rules: [GraphRule]) {
        names = Array(Set(rules.flatMap(\.tags))).sorted()
        var idOf: [String: Int32] = [:]
        for (id, name) in names.enumerated() { idOf[name] = Int32(id) }
        var ids: [Int32] = []
        var starts: [Int32] = [0]
        for rule in rules {
            ids.append(contentsOf: rule.tags.map { idOf[$0]! })
            starts.append(Int32(ids.count))
        }
        self.ids = ids
        self.starts = starts
        bits = names.count > 64 ? [] : rules.indices.map { rule in
            ids[Int(starts[rule])..<Int(starts[rule + 1])].reduce(0) { $0 | 1 << UInt64($1) }
        }
    }
}
