/// FNV-1a over the lowercased bytes of a word. The tokeniser feeds it one byte
/// at a time while it lowercases, so hashing costs no extra pass.
enum WordHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func add(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    @inline(__always)
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = add(hash, byte) }
        return hash
    }

    /// Starting slot; mixes the high bits in because FNV's low bits are weak.
    @inline(__always)
    static func slot(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    @inline(__always)
    static func tag(_ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: hash >> 32)
    }
}

/// Mutable word table used while a lexicon is built or overridden: an
/// open-addressing hash table (linear probing, load ≤ 1/2) from word bytes to
/// dense ids, with all keys in one byte arena.
struct WordTableBuilder {
    private(set) var keys: [UInt8] = []
    var entries: [WordEntry] = [.unknown]
    private(set) var slots: [UInt32] = Array(repeating: 0, count: 1 << 14)
    private(set) var maxKeyLength = 0

    init() {}

    /// Rebuilds a builder from a frozen table, for `Lexicon.overriding`.
    init(_ table: WordTable) {
        keys = Array(table.keys)
        entries = Array(table.entries)
        slots = Array(table.slots)
        maxKeyLength = table.maxKeyLength
    }

    /// Makes room for `words` more words of `keyBytes` bytes in total, so
    /// that loading does not regrow (and copy) the arrays.
    mutating func reserve(words: Int, keyBytes: Int) {
        keys.reserveCapacity(keys.count + keyBytes)
        entries.reserveCapacity(entries.count + words)
        var capacity = slots.count
        while capacity < (entries.count + words) * 2 { capacity *= 2 }
        if capacity > slots.count { rehash(capacity: capacity) }
    }

    /// The id of `key`, adding an entry with no properties when it is new.
    @discardableResult
    mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = WordHash.of(key)
        let (found, slot) = keys.withUnsafeBufferPointer { arena in
            entries.withUnsafeBufferPointer { entries in
                slots.withUnsafeBufferPointer { slots in
                    WordTable.probe(key, hash: hash, slots: slots, entries: entries, keys: arena)
                }
            }
        }
        if found != 0 { return found }
        let id = UInt32(entries.count)
        var entry = WordEntry.unknown
        entry.keyStart = UInt32(keys.count)
        entry.keyLength = UInt32(key.count)
        entry.tag = WordHash.tag(hash)
        keys.append(contentsOf: key)
        entries.append(entry)
        slots[slot] = id
        maxKeyLength = max(maxKeyLength, key.count)
        if entries.count * 2 > slots.count { rehash(capacity: slots.count * 2) }
        return id
    }

    @discardableResult
    mutating func intern(_ key: String) -> UInt32 {
        var key = key
        return key.withUTF8 { intern($0) }
    }

    private mutating func rehash(capacity: Int) {
        var fresh = [UInt32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for id in 1..<entries.count {
            let start = Int(entries[id].keyStart)
            let hash = keys.withUnsafeBufferPointer {
                WordHash.of(UnsafeBufferPointer(rebasing: $0[start..<start + Int(entries[id].keyLength)]))
            }
            var slot = WordHash.slot(hash) & mask
            while fresh[slot] != 0 { slot = (slot + 1) & mask }
            fresh[slot] = UInt32(id)
        }
        slots = fresh
    }
}

/// The frozen word table the scorer reads. Its buffers are allocated once and
/// never written after `init`, which is what makes the class safe to share
/// between threads without locks.
final class WordTable: @unchecked Sendable {
    let keys: UnsafeMutableBufferPointer<UInt8>
    let entries: UnsafeMutableBufferPointer<WordEntry>
    let slots: UnsafeMutableBufferPointer<UInt32>
    let mask: Int
    /// Longest key in bytes; longer tokens cannot match and skip the lookup.
    let maxKeyLength: Int

    init(_ builder: WordTableBuilder) {
        keys = .allocate(capacity: max(builder.keys.count, 1))
        _ = keys.initialize(from: builder.keys)
        entries = .allocate(capacity: builder.entries.count)
        _ = entries.initialize(from: builder.entries)
        slots = .allocate(capacity: builder.slots.count)
        _ = slots.initialize(from: builder.slots)
        mask = builder.slots.count - 1
        maxKeyLength = builder.maxKeyLength
    }

    deinit {
        keys.deallocate()
        entries.deallocate()
        slots.deallocate()
    }

    /// Bytes held by this table, for the memory report.
    var byteCount: Int {
        keys.count + entries.count * MemoryLayout<WordEntry>.stride + slots.count * 4
    }

    /// The id of the lowercased word in `key` (hashed with `WordHash`), or 0.
    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UInt32 {
        Self.probe(
            key, hash: hash, slots: UnsafeBufferPointer(slots),
            entries: UnsafeBufferPointer(entries), keys: UnsafeBufferPointer(keys)
        ).id
    }

    /// Linear probing shared by the builder and the frozen table. Returns the
    /// id found (0 if none) and the slot where the search stopped.
    @inline(__always)
    static func probe(
        _ key: UnsafeBufferPointer<UInt8>, hash: UInt64,
        slots: UnsafeBufferPointer<UInt32>, entries: UnsafeBufferPointer<WordEntry>,
        keys: UnsafeBufferPointer<UInt8>
    ) -> (id: UInt32, slot: Int) {
        let mask = slots.count - 1
        let tag = WordHash.tag(hash)
        var slot = WordHash.slot(hash) & mask
        while true {
            let id = slots[slot]
            if id == 0 { return (0, slot) }
            let entry = entries[Int(id)]
            if entry.tag == tag && Int(entry.keyLength) == key.count
                && equalBytes(keys.baseAddress, Int(entry.keyStart), key.baseAddress, key.count)
            {
                return (id, slot)
            }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private static func equalBytes(
        _ arena: UnsafePointer<UInt8>?, _ start: Int, _ b: UnsafePointer<UInt8>?, _ count: Int
    ) -> Bool {
        guard count > 0 else { return true }
        guard let arena, let b else { return false }
        let a = arena + start
        for index in 0..<count where a[index] != b[index] { return false }
        return true
    }
}
