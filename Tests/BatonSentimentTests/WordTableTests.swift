@testable import BatonSentiment
import Testing

/// The frozen word table's bucketed lookup, on the bundled lexicon and on a
/// table crowded enough that buckets spill and long keys share their first
/// eight bytes.
@Suite("Word table")
struct WordTableTests {
    @Test("every word of the bundled lexicon is found under its own id, with its flags and role")
    func bundledWords() {
        let table = Lexicon.bundled.storage.words
        for id in 1..<table.entries.count {
            let entry = table.entries[id]
            let key = Array(table.keys[Int(entry.keyStart)..<Int(entry.keyStart + entry.keyLength)])
            let slot = Self.lanesLookup(table, key)
            #expect(slot.id == UInt32(id), "\(String(decoding: key, as: UTF8.self))")
            #expect(slot.flags == entry.flags && slot.role == entry.role)
            #expect(key.withUnsafeBufferPointer { table.lookup($0) } == UInt32(id))
        }
    }

    @Test("a crowded table finds every key and nothing else, past spilled buckets and shared first lanes")
    func crowdedTable() {
        // Up to half the builder's slots: two keys per four-slot bucket on
        // average, so some buckets overflow into the next.
        var builder = WordTableBuilder()
        var random = SystemRandomNumberGenerator()
        var keys: [[UInt8]] = []
        // Twelve-byte keys with the same first eight bytes and length: only
        // their last four bytes tell them apart.
        for number in stride(from: 0, to: 4_000, by: 2) { keys.append(Array("sharedxx\(4_000 + number)".utf8)) }
        while keys.count < 8_000 {
            let length = Int.random(in: 1...20, using: &random)
            keys.append((0..<length).map { _ in UInt8.random(in: 0x61...0x7A, using: &random) })
        }
        var ids: [[UInt8]: UInt32] = [:]
        for key in keys { ids[key] = key.withUnsafeBufferPointer { builder.intern($0) } }
        let table = WordTable(builder)
        #expect(table.slots.count == builder.slots.count, "the builder did not grow: the buckets stay crowded")
        #expect(table.spilledBuckets > 0)

        for (key, id) in ids {
            #expect(Self.lanesLookup(table, key).id == id, "\(String(decoding: key, as: UTF8.self))")
            #expect(key.withUnsafeBufferPointer { table.lookup($0) } == id)
        }
        // Absent keys: the odd numbers between the shared-lane keys, and random ones.
        var absent: [[UInt8]] = (0..<2_000).map { Array("sharedxx\(4_001 + 2 * $0)".utf8) }
        while absent.count < 6_000 {
            let length = Int.random(in: 1...20, using: &random)
            let key = (0..<length).map { _ in UInt8.random(in: 0x61...0x7A, using: &random) }
            if ids[key] == nil { absent.append(key) }
        }
        for key in absent {
            #expect(Self.lanesLookup(table, key).id == 0, "\(String(decoding: key, as: UTF8.self))")
            #expect(key.withUnsafeBufferPointer { table.lookup($0) } == 0)
        }
    }

    @Test("an empty key is never found")
    func emptyKey() {
        let table = Lexicon.bundled.storage.words
        #expect([UInt8]().withUnsafeBufferPointer { table.lookup($0) } == 0)
        #expect(Self.lanesLookup(table, []).id == 0)
    }

    /// The ASCII tokenizer's lookup: the key in scratch lanes, its first lane and its lane-wise hash.
    static func lanesLookup(_ table: WordTable, _ key: [UInt8]) -> WordSlot {
        let padded = key + [UInt8](repeating: 0, count: ByteLanes.width)
        return padded.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var hash = WordHash.start(count: key.count)
            var offset = 0
            while offset < key.count {
                hash = WordHash.add(hash, lanes: ByteLanes.load(base + offset) & ByteLanes.first(key.count - offset))
                offset += ByteLanes.width
            }
            let head = ByteLanes.load(base) & ByteLanes.first(min(key.count, ByteLanes.width))
            return table.lookup(lanes: base, head: head, count: key.count, hash: hash)
        }
    }
}
