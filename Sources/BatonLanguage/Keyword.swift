/// The words the parser gives a meaning to. The lexer still emits them as
/// `.identifier` (so `priority` stays usable as a field name after a dot) but
/// tags each with its keyword, so the parser compares one byte instead of
/// building and hashing a `String` per token.
enum Keyword: String, CaseIterable, Sendable {
    // Items.
    case rule, shadow, `let`, schema, `import`, lexicon, guards
    // Conditions.
    case when, then, and, or, not, `in`, matches, contains, exists, `is`, was, within, last
    case `true`, `false`, toolCall = "tool_call", intent
    // Rule settings, actions and their options.
    case priority, description, owner, tags, bypassGuards = "bypass_guards"
    case escalate, offerHandoff = "offer_handoff", tag, `continue`, queue, reason, say
    // Schema and guards entries.
    case intents, tools, apis, metadata, cooldown, turns, maxEscalations = "max_escalations"

    /// Words that start a top-level item; the parser resynchronises at them.
    var startsItem: Bool {
        switch self {
        case .rule, .shadow, .let, .schema, .import, .lexicon, .guards: true
        default: false
        }
    }

    /// Words that end or structure a condition; as operands they are always a mistake.
    var isNonOperand: Bool {
        switch self {
        case .then, .when, .rule, .shadow, .let, .schema, .import, .guards, .lexicon,
             .and, .or, .in, .matches, .contains, .exists, .is, .was, .within, .last:
            true
        default:
            false
        }
    }
}

/// Open-addressed hash table from a word's bytes to its keyword, built once.
/// Flat arrays of plain integers, so a lookup neither allocates nor retains.
struct KeywordTable: Sendable {
    static let shared = KeywordTable()

    private static let slotCount = 256
    /// 0 for an empty slot, else the keyword's index in `Keyword.allCases` + 1.
    private var slots = [UInt8](repeating: 0, count: KeywordTable.slotCount)
    /// Every keyword's spelling, back to back; `offsets[k]..<offsets[k + 1]` is keyword k.
    private var spellings: [UInt8] = []
    private var offsets: [Int] = [0]
    private let keywords = Keyword.allCases

    private init() {
        for (number, keyword) in keywords.enumerated() {
            let word = Array(keyword.rawValue.utf8)
            spellings += word
            offsets.append(spellings.count)
            var slot = Self.hash(word, 0, word.count)
            while slots[slot] != 0 { slot = (slot + 1) & (Self.slotCount - 1) }
            slots[slot] = UInt8(number + 1)
        }
    }

    /// The keyword spelled by `bytes[start..<end]`, if any. Asked of nearly
    /// every word of a file, so the tables are read without bounds checks
    /// (every index is in range by construction).
    func keyword(in bytes: [UInt8], from start: Int, to end: Int) -> Keyword? {
        let length = end - start
        guard length >= 2, length <= 15, start >= 0, end <= bytes.count else { return nil }
        let entry = bytes.withUnsafeBufferPointer { bytes in
            slots.withUnsafeBufferPointer { slots in
                spellings.withUnsafeBufferPointer { spellings in
                    offsets.withUnsafeBufferPointer { offsets in
                        Self.entry(of: bytes, start, length, slots, spellings, offsets)
                    }
                }
            }
        }
        return entry.map { keywords[$0] }
    }

    /// The index in `Keyword.allCases` of the keyword spelled by `length` bytes at `start`.
    private static func entry(
        of bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int,
        _ slots: UnsafeBufferPointer<UInt8>, _ spellings: UnsafeBufferPointer<UInt8>, _ offsets: UnsafeBufferPointer<Int>
    ) -> Int? {
        var hash: UInt32 = 2_166_136_261
        for index in start..<start + length {
            hash = (hash ^ UInt32(bytes[index])) &* 16_777_619
        }
        var slot = Int((hash ^ (hash >> 16)) & UInt32(slotCount - 1))
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let lower = offsets[entry - 1]
            if offsets[entry] - lower == length {
                var offset = 0
                while offset < length, spellings[lower + offset] == bytes[start + offset] { offset += 1 }
                if offset == length { return entry - 1 }
            }
            slot = (slot + 1) & (slotCount - 1)
        }
    }

    /// FNV-1a, folded to a slot.
    private static func hash(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for index in start..<end {
            hash = (hash ^ UInt32(bytes[index])) &* 16_777_619
        }
        return Int((hash ^ (hash >> 16)) & UInt32(slotCount - 1))
    }
}
