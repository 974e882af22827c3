/// The schema's names (intents, metadata fields, APIs, tools) to their slots,
/// for the per-event lookups of an event's strings.
///
/// Open addressing over a hash of the UTF-8 bytes: cheaper per lookup than
/// `Dictionary<String, _>`'s seeded SipHash. A name of at most 16 bytes (most
/// are) is read as two overlapping 8-byte words, which with its length
/// identify it: it is hashed and compared a word at a time. Longer names go
/// byte by byte (FNV-1a). Only the schema's names are stored, fixed when the
/// plan is built, so input can lengthen no probe sequence; an unknown name
/// costs at most the longest one.
///
/// A value over buffers its owner frees (`deallocate()`, from the plan's
/// deinit): a lookup reads them without retaining arrays, the index
/// itself or checking bounds (which cost more than the hash itself).
struct NameIndex: @unchecked Sendable {
    /// Index into the per-name buffers per table slot; -1 when empty. A power of two long.
    private let table: UnsafeMutableBufferPointer<Int32>
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Name `i` is `bytes[starts[i]..<starts[i + 1]]`, with `words` `heads[i]`, `tails[i]`.
    private let starts: UnsafeMutableBufferPointer<Int32>
    private let heads: UnsafeMutableBufferPointer<UInt64>
    private let tails: UnsafeMutableBufferPointer<UInt64>
    private let values: UnsafeMutableBufferPointer<Int32>

    init(_ entries: [String: Int]) {
        var size = 8
        while size < entries.count * 2 { size <<= 1 }
        var table = [Int32](repeating: -1, count: size)
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        var heads: [UInt64] = []
        var tails: [UInt64] = []
        var values: [Int32] = []
        // Sorted, so the layout does not depend on dictionary order.
        for (name, value) in entries.sorted(by: { $0.key < $1.key }) {
            let utf8 = Array(name.utf8)
            let (hash, head, tail) = utf8.withUnsafeBufferPointer { name in
                let words = Self.words(name)
                return (name.count <= 16 ? Self.hash(words: words, count: name.count) : Self.hash(name), words.0, words.1)
            }
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while table[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            table[slot] = Int32(values.count)
            bytes.append(contentsOf: utf8)
            starts.append(Int32(bytes.count))
            heads.append(head)
            tails.append(tail)
            values.append(Int32(value))
        }
        self.table = .copying(table)
        self.bytes = .copying(bytes)
        self.starts = .copying(starts)
        self.heads = .copying(heads)
        self.tails = .copying(tails)
        self.values = .copying(values)
    }

    func deallocate() {
        table.deallocate()
        bytes.deallocate()
        starts.deallocate()
        heads.deallocate()
        tails.deallocate()
        values.deallocate()
    }

    /// The slot of `name`, or nil when the schema does not declare it.
    func slot(of name: String) -> Int? {
        if let found = name.utf8.withContiguousStorageIfAvailable({ lookup($0) }) { return found }
        return Array(name.utf8).withUnsafeBufferPointer { lookup($0) }
    }

    @inline(__always)
    private func lookup(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = table.count - 1
        let count = name.count
        if count <= 16 {
            let (head, tail) = Self.words(name)
            var slot = Int(truncatingIfNeeded: Self.hash(words: (head, tail), count: count)) & mask
            while true {
                let entry = Int(table[slot])
                if entry < 0 { return nil }
                if heads[entry] == head, tails[entry] == tail, Int(starts[entry + 1] - starts[entry]) == count {
                    return Int(values[entry])
                }
                slot = (slot + 1) & mask
            }
        }
        var slot = Int(truncatingIfNeeded: Self.hash(name)) & mask
        while true {
            let entry = Int(table[slot])
            if entry < 0 { return nil }
            let start = Int(starts[entry]), end = Int(starts[entry + 1])
            if end - start == count, equal(name, start) { return Int(values[entry]) }
            slot = (slot + 1) & mask
        }
    }

    private func equal(_ name: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        for offset in 0..<name.count where bytes[start + offset] != name[offset] { return false }
        return true
    }

    /// A name of at most 16 bytes as two words that, with its length, identify
    /// it: the first and last 8 bytes (overlapping), or for a shorter name
    /// its bytes packed into the first word.
    @inline(__always)
    static func words(_ name: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let count = name.count
        guard let base = name.baseAddress, count > 0 else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        if count >= 8 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
        }
        if count >= 4 {
            let first = UInt64(raw.loadUnaligned(as: UInt32.self))
            let last = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return (first | last << 32, 0)
        }
        var head: UInt64 = 0
        for offset in 0..<count { head |= UInt64(name[offset]) << UInt64(8 * offset) }
        return (head, 0)
    }

    /// The words mixed (MurmurHash3's finaliser), so the low bits the
    /// table uses depend on every byte: names that share a prefix
    /// (`intent_1`, `intent_2`) must not share a slot.
    @inline(__always)
    static func hash(words: (UInt64, UInt64), count: Int) -> UInt64 {
        var hash = words.0 ^ (words.1 &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(count)
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 33)
    }

    /// FNV-1a, for names longer than 16 bytes.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash ^ (hash >> 29)
    }
}
