@testable import BatonCheck
import Testing

/// The interning tables' shared probing, with hashes chosen to collide.
@Suite("Checker: tagged slots")
struct TaggedSlotsTests {
    /// Across regrowth and `reserve`, every value finds its own entry,
    /// whether hashes share a tag, a slot, or all of their bits.
    @Test(arguments: HashShape.allCases)
    func findsEveryEntry(shape: HashShape) {
        let name = "\(shape)"
        let hashOf = { (value: Int) in shape.hash(of: value) }
        var slots = TaggedSlots(capacity: 2)
        var entries: [Int] = []
        for value in (0..<600).map({ ($0 &* 37) % 300 }) {
            let probe = slots.find(hashOf(value)) { entries[$0] == value }
            if let entry = probe.entry {
                #expect(entries[entry] == value, "\(name)")
                continue
            }
            #expect(!entries.contains(value), "\(name)")
            entries.append(value)
            slots.insert(entries.count - 1, hash: hashOf(value), at: probe) { hashOf(entries[$0]) }
            if entries.count == 100 { slots.reserve(1_000, count: entries.count) { hashOf(entries[$0]) } }
        }
        #expect(entries.count == 300)
        for (index, value) in entries.enumerated() {
            #expect(slots.find(hashOf(value)) { entries[$0] == value }.entry == index, "\(name)")
        }
    }

    enum HashShape: CaseIterable, Sendable {
        case spread, oneTag, oneSlot, oneHash

        func hash(of value: Int) -> Int {
            switch self {
            case .spread: value &* 0x1E37_79B9_7F4A_7C15
            case .oneTag: 7 << 32 | value
            case .oneSlot: value << 32
            case .oneHash: 12_345
            }
        }
    }
}
