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
        maxKeyLength = table.maxKeyLength
        rehash(capacity: max(slots.count, table.slots.count))
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
    /// The key's length, saturated at `UInt16.max`; 0 in an empty slot.
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
///
/// Slots come in buckets of four, one cache line each. A lookup compares
/// its home bucket's four slots without a branch per slot: whether a word of
/// a message is in the lexicon is as good as random, so a probe loop's exit
/// would be mispredicted about once per word. A bucket too full for all the
/// keys whose home it is passes the rest on to the next one and is marked
/// as spilled; only then, and for keys longer than a slot's eight bytes,
/// does a lookup take the slower path.
final class WordTable: @unchecked Sendable {
    static let bucketWidth = 4

    let keys: UnsafeMutableBufferPointer<UInt8>
    let entries: UnsafeMutableBufferPointer<WordEntry>
    /// `bucketWidth` slots per bucket, each bucket 64-byte aligned.
    let slots: UnsafeMutableBufferPointer<WordSlot>
    private let slotBase: UnsafeMutablePointer<WordSlot>
    /// One bit per bucket: set when a key whose home it is lives in a later bucket.
    private let spilled: UnsafeMutableBufferPointer<UInt64>
    private let bucketMask: Int
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

        // As many slots as the builder's (load ≤ 1/2), after one bucket
        // whose last slot stays empty: what a lookup that finds nothing reads.
        let bucketCount = max(builder.slots.count / Self.bucketWidth, 1)
        let slotCount = bucketCount * Self.bucketWidth
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: (Self.bucketWidth + slotCount) * MemoryLayout<WordSlot>.stride, alignment: 64)
        let first = raw.bindMemory(to: WordSlot.self, capacity: Self.bucketWidth + slotCount)
        first.initialize(repeating: .empty, count: Self.bucketWidth + slotCount)
        slotBase = first + Self.bucketWidth
        slots = UnsafeMutableBufferPointer(start: slotBase, count: slotCount)
        spilled = .allocate(capacity: (bucketCount + 63) / 64)
        spilled.initialize(repeating: 0)
        bucketMask = bucketCount - 1
        maxKeyLength = builder.maxKeyLength

        // In id order, so the layout depends only on the entries. The
        // builder keeps at most half the slots in use, so a free slot is
        // always found, and every search ends at a bucket that did not spill.
        for id in 1..<max(entries.count, 1) {
            let entry = entries[id]
            let key = UnsafeBufferPointer(start: arena + Int(entry.keyStart), count: Int(entry.keyLength))
            var bucket = Self.bucket(WordHash.of(key)) & bucketMask
            var free = firstFree(bucket)
            while free == nil {
                spilled[bucket >> 6] |= 1 << UInt64(bucket & 63)
                bucket = (bucket + 1) & bucketMask
                free = firstFree(bucket)
            }
            free!.initialize(to: WordSlot(
                head: ByteLanes.load(key.baseAddress!) & ByteLanes.first(min(key.count, ByteLanes.width)),
                id: UInt32(id), length: WordSlot.clamped(key.count), flags: entry.flags, role: entry.role))
        }
    }

    deinit {
        keys.deallocate()
        entries.deallocate()
        UnsafeMutableRawPointer(slotBase - Self.bucketWidth).deallocate()
        spilled.deallocate()
    }

    /// Bytes held by this table, for the memory report.
    var byteCount: Int {
        keys.count + entries.count * MemoryLayout<WordEntry>.stride
            + (slots.count + Self.bucketWidth) * MemoryLayout<WordSlot>.stride + spilled.count * 8
    }

    /// Buckets some of whose keys live in later ones.
    var spilledBuckets: Int { spilled.reduce(0) { $0 + $1.nonzeroBitCount } }

    @inline(__always)
    private static func bucket(_ hash: UInt64) -> Int {
        WordHash.slot(hash) >> 2
    }

    private func firstFree(_ bucket: Int) -> UnsafeMutablePointer<WordSlot>? {
        let base = slotBase + bucket * Self.bucketWidth
        return (0..<Self.bucketWidth).lazy.map { base + $0 }.first { $0.pointee.id == 0 }
    }

    /// The id of the lowercased word in `key`, or 0.
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let bytes = key.baseAddress, key.count > 0 else { return 0 }
        let head = key.count >= ByteLanes.width ? ByteLanes.load(bytes) : ByteLanes.loadShort(bytes, count: key.count)
        return lookup(lanes: bytes, head: head, count: key.count, hash: WordHash.of(key)).id
    }

    /// The slot of the lowercased word in `key`, or `WordSlot.empty`;
    /// `head` is its first lane, zero-filled. Only a key longer than a lane
    /// is read from `key`.
    @inline(__always)
    func lookup(lanes key: UnsafePointer<UInt8>, head: UInt64, count: Int, hash: UInt64) -> WordSlot {
        let length = WordSlot.clamped(count)
        let bucket = Self.bucket(hash) & bucketMask
        let base = slotBase + bucket &* Self.bucketWidth
        // Masks, not branches or selects (which the compiler may turn back
        // into branches): the address of the last slot whose head and length
        // match, else of the empty slot just before the first bucket.
        var hit = UInt(bitPattern: slotBase - 1)
        for index in 0..<Self.bucketWidth {
            let candidate = base + index
            let same = (candidate.pointee.head ^ head) | UInt64(candidate.pointee.length ^ length)
            let take = 0 &- Self.bit(same == 0)
            hit = UInt(bitPattern: candidate) & take | hit & ~take
        }
        let found = UnsafePointer<WordSlot>(bitPattern: hit).unsafelyUnwrapped.pointee
        // One branch, rarely taken: a long key (its other bytes to compare)
        // found, or nothing found in a spilled bucket.
        let foundBit = Self.bit(found.id != 0)
        let spill = UInt(truncatingIfNeeded: spilled[bucket >> 6] >> UInt64(bucket & 63)) & 1
        if foundBit & Self.bit(count > ByteLanes.width) | (foundBit ^ 1) & spill != 0 {
            return search(key, head: head, count: count, from: bucket)
        }
        return found
    }

    /// 1 when `condition` holds, else 0, without a branch.
    @inline(__always)
    private static func bit(_ condition: Bool) -> UInt {
        UInt(unsafeBitCast(condition, to: UInt8.self))
    }

    /// Every slot from `bucket` on, through the spilled buckets, comparing
    /// whole keys.
    private func search(_ key: UnsafePointer<UInt8>, head: UInt64, count: Int, from bucket: Int) -> WordSlot {
        let length = WordSlot.clamped(count)
        var bucket = bucket
        while true {
            let base = slotBase + bucket * Self.bucketWidth
            for index in 0..<Self.bucketWidth {
                let slot = base[index]
                if slot.id != 0, slot.head == head, slot.length == length,
                   count <= ByteLanes.width || tailMatches(slot.id, count, key)
                {
                    return slot
                }
            }
            if spilled[bucket >> 6] >> UInt64(bucket & 63) & 1 == 0 { return .empty }
            bucket = (bucket + 1) & bucketMask
        }
    }

    /// Whether entry `id`'s key is `count` bytes long and matches `key`
    /// after its first lane; only keys longer than a lane get this far.
    private func tailMatches(_ id: UInt32, _ count: Int, _ key: UnsafePointer<UInt8>) -> Bool {
        let entry = entries[Int(id)]
        guard Int(entry.keyLength) == count else { return false }
        let start = Int(entry.keyStart)
        for index in ByteLanes.width..<count where keys[start + index] != key[index] { return false }
        return true
    }
}
