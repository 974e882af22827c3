/// The hash of a lowercased word: eight bytes at a time (little-endian lanes,
/// the last zero-filled), each folded in by a full-width multiply. The ASCII
/// tokeniser computes it from the lanes it lowercases anyway, so a word of up
/// to eight bytes costs one multiply; `of` computes it from a plain buffer.
enum WordHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The length goes in first, so "a" and "a\0" differ.
    @inline(__always)
    static func start(count: Int) -> UInt64 {
        seed ^ UInt64(truncatingIfNeeded: count)
    }

    @inline(__always)
    static func add(_ hash: UInt64, lanes: UInt64) -> UInt64 {
        let product = (hash ^ lanes).multipliedFullWidth(by: multiplier)
        return product.high ^ product.low
    }

    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let count = bytes.count
        var hash = start(count: count)
        guard let base = bytes.baseAddress, count > 0 else { return hash }
        var offset = 0
        while count - offset > ByteLanes.width {
            hash = add(hash, lanes: ByteLanes.load(base + offset))
            offset += ByteLanes.width
        }
        // The last 1...8 bytes, read without going past the end.
        let rest = count - offset
        let lanes = count >= ByteLanes.width
            ? ByteLanes.load(base + count - ByteLanes.width) &>> UInt64(64 - rest * 8)
            : ByteLanes.loadShort(base, count: count)
        return add(hash, lanes: lanes)
    }

    /// Starting slot; mixes the high bits in.
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
        slots = table.slots.map(\.id)
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
                    Self.probe(key, hash: hash, slots: slots, entries: entries, keys: arena)
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

    /// Linear probing over the builder's arrays. Returns the id found (0 if
    /// none) and the slot where the search stopped.
    private static func probe(
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

/// One slot of the frozen table: enough of its word that most lookups, and
/// the token they make, read this one load and nothing else.
struct WordSlot {
    /// The key's first eight bytes as `ByteLanes`, zero-filled.
    var head: UInt64
    /// 0 in an empty slot.
    var id: UInt32
    /// The key's length, saturated at `UInt16.max`.
    var length: UInt16
    var flags: WordFlags
    var role: WordRole

    static let empty = WordSlot(head: 0, id: 0, length: 0, flags: [], role: .none)

    @inline(__always)
    static func clamped(_ count: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: min(count, Int(UInt16.max)))
    }
}

/// The frozen word table the scorer reads. Its buffers are allocated once and
/// never written after `init`, which is what makes the class safe to share
/// between threads without locks.
final class WordTable: @unchecked Sendable {
    let keys: UnsafeMutableBufferPointer<UInt8>
    let entries: UnsafeMutableBufferPointer<WordEntry>
    let slots: UnsafeMutableBufferPointer<WordSlot>
    let mask: Int
    /// Longest key in bytes; longer tokens cannot match and skip the lookup.
    let maxKeyLength: Int

    init(_ builder: WordTableBuilder) {
        // Zeroed lanes after the last key, so a key's lanes may be read whole.
        let arena = UnsafeMutablePointer<UInt8>.allocate(capacity: builder.keys.count + ByteLanes.width)
        arena.initialize(repeating: 0, count: builder.keys.count + ByteLanes.width)
        keys = UnsafeMutableBufferPointer(start: arena, count: builder.keys.count)
        _ = keys.initialize(from: builder.keys)
        entries = .allocate(capacity: builder.entries.count)
        _ = entries.initialize(from: builder.entries)
        slots = .allocate(capacity: builder.slots.count)
        let target = slots.baseAddress!
        let frozen = UnsafePointer(entries.baseAddress!)
        builder.slots.withUnsafeBufferPointer { ids in
            for index in 0..<ids.count {
                let id = ids[index]
                guard id != 0 else {
                    (target + index).initialize(to: .empty)
                    continue
                }
                let entry = frozen[Int(id)]
                let length = Int(entry.keyLength)
                let head = ByteLanes.load(arena + Int(entry.keyStart)) & ByteLanes.first(min(length, ByteLanes.width))
                (target + index).initialize(to: WordSlot(
                    head: head, id: id, length: WordSlot.clamped(length), flags: entry.flags, role: entry.role))
            }
        }
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
        keys.count + entries.count * MemoryLayout<WordEntry>.stride + slots.count * MemoryLayout<WordSlot>.stride
    }

    /// The id of the lowercased word in `key` (hashed with `WordHash`), or 0.
    func lookup(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UInt32 {
        var head: UInt64 = 0
        for lane in 0..<min(key.count, ByteLanes.width) {
            head |= UInt64(key[lane]) << UInt64(lane * 8)
        }
        let length = WordSlot.clamped(key.count)
        var slot = WordHash.slot(hash) & mask
        while true {
            let found = slots[slot]
            if found.id == 0 { return 0 }
            if found.head == head && found.length == length
                && (key.count <= ByteLanes.width || tailMatches(found.id, key.count, { index in key[index] }))
            {
                return found.id
            }
            slot = (slot + 1) & mask
        }
    }

    /// The slot of the lowercased word in `key`, or `WordSlot.empty`;
    /// `head` is its first lane, zero-filled. Only a key longer than a lane
    /// is read from `key`.
    @inline(__always)
    func lookup(lanes key: UnsafePointer<UInt8>, head: UInt64, count: Int, hash: UInt64) -> WordSlot {
        let length = WordSlot.clamped(count)
        var slot = WordHash.slot(hash) & mask
        while true {
            let found = slots[slot]
            if found.id == 0 { return found }
            if found.head == head && found.length == length
                && (count <= ByteLanes.width || tailMatches(found.id, count, { index in key[index] }))
            {
                return found
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether entry `id`'s key is `count` bytes long and matches `byte`
    /// after its first lane; only keys longer than a lane get this far.
    private func tailMatches(_ id: UInt32, _ count: Int, _ byte: (Int) -> UInt8) -> Bool {
        let entry = entries[Int(id)]
        guard Int(entry.keyLength) == count else { return false }
        let start = Int(entry.keyStart)
        for index in min(count, ByteLanes.width)..<count where keys[start + index] != byte(index) { return false }
        return true
    }
}
