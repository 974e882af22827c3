import BatonCore
import BatonGraph

/// What a winning rule puts in the decision, as plain data: reading it
/// retains nothing, where `graph.rules[i]` would copy the whole rule (its
/// labels, source, tags). The plan that holds it frees it (`free`).
struct RuleAction {
    let outcome: Decision.Outcome
    let reason: TextRecipe?
    let say: TextRecipe?
    /// The recipes' parts and literal bytes.
    private let memory: UnsafeMutableRawPointer

    init(_ rule: GraphRule) {
        outcome = rule.outcome
        let templates = [rule.reason, rule.say].map { $0.map { TextRecipe.merged($0.parts) } }
        let partCount = templates.reduce(0) { $0 + ($1?.count ?? 0) }
        let byteCount = templates.reduce(0) { total, parts in
            total + (parts ?? []).reduce(0) { if case .text(let literal) = $1 { $0 + literal.utf8.count } else { $0 } }
        }
        let partsBytes = MemoryLayout<TextRecipe.Part>.stride * partCount
        memory = .allocate(byteCount: max(partsBytes + byteCount, 1), alignment: MemoryLayout<TextRecipe.Part>.alignment)
        var parts = memory.bindMemory(to: TextRecipe.Part.self, capacity: partCount)
        var bytes = memory + partsBytes
        var recipes: [TextRecipe?] = []
        for template in templates {
            guard let template else {
                recipes.append(nil)
                continue
            }
            recipes.append(TextRecipe(template, parts: parts, bytes: &bytes))
            parts += template.count
        }
        reason = recipes[0]
        say = recipes[1]
    }

    /// Frees the recipes' memory: the action's recipes are not read after.
    func free() { memory.deallocate() }
}

/// A template as `TurnRun.renderTexts` renders it: literal bytes and
/// placeholders as plain data, so rendering retains nothing of the plan.
/// Its memory belongs to the `RuleAction` that holds it.
struct TextRecipe {
    enum Part {
        case literal(UnsafeRawBufferPointer)
        case metadata(slot: Int)
        case api(slot: Int, APIValueField)
        case toolSummary
        case signal(TurnSignal)
    }

    let parts: UnsafeBufferPointer<Part>
    /// Bytes of the literal parts; each placeholder's text adds its own.
    let literalBytes: Int
    /// Placeholder parts, each rendered once into a slot of its own.
    let placeholders: Int

    /// Writes `template`'s parts at `parts` and its literals' bytes at `bytes` (advanced past them).
    fileprivate init(_ template: [Template.Part], parts: UnsafeMutablePointer<Part>, bytes: inout UnsafeMutableRawPointer) {
        var literalBytes = 0, placeholders = 0
        for (index, part) in template.enumerated() {
            let recipePart: Part
            switch part {
            case .text(let literal):
                let count = literal.utf8.count
                bytes.copyMemory(from: Array(literal.utf8), byteCount: count)
                recipePart = .literal(UnsafeRawBufferPointer(start: bytes, count: count))
                bytes += count
                literalBytes += count
            case .metadata(let slot): recipePart = .metadata(slot: slot)
            case .api(let slot, let field): recipePart = .api(slot: slot, field)
            case .toolSummary: recipePart = .toolSummary
            case .signal(let signal): recipePart = .signal(signal)
            }
            if case .literal = recipePart {} else { placeholders += 1 }
            (parts + index).initialize(to: recipePart)
        }
        self.parts = UnsafeBufferPointer(start: parts, count: template.count)
        self.literalBytes = literalBytes
        self.placeholders = placeholders
    }

    /// `parts` with adjacent literals joined (a template without
    /// placeholders, as most transition messages are, is one literal).
    fileprivate static func merged(_ parts: [Template.Part]) -> [Template.Part] {
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
