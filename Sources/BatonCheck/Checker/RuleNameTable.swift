import BatonCore

/// Where each rule name was first defined, for duplicate-rule errors.
///
/// Names live in one byte buffer and entries are plain records, so the
/// table is freed as a few buffers: a `Dictionary` of strings is torn down
/// entry by entry, which at 100,000 rules reads every (long cold) entry
/// once more at the end of a check. Rule names are identifiers, which the
/// lexer keeps to ASCII, where byte equality is `String` equality; any
/// other name goes to a `Dictionary`, so the table is exact either way.
struct RuleNameTable {
    private struct Entry {
        var hash: UInt64
        var start: Int32
        var length: Int32
        var path: Int32
        var range: SourceRange
    }

    /// Per slot: the name's hash tag in the high 32 bits, its index into
    /// `entries` + 1 in the low 32 bits; 0 when empty. At most half full.
    /// A new name (the usual case) probes only this array.
    private var slots = [UInt64](repeating: 0, count: 64)
    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    /// Paths by index: a set's rules come from a handful of files.
    private var paths: [String] = []
    private var others: [String: (path: String, range: SourceRange)] = [:]

    mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
        bytes.reserveCapacity(count * 8)
        var size = slots.count
        while size < 2 * count { size *= 2 }
        if size > slots.count { rebuild(size: size) }
    }

    /// Where `name` was first defined, or nil after noting that it is
    /// first defined at `path`, `range`.
    mutating func firstDefinition(of name: String, path: String, range: SourceRange) -> (path: String, range: SourceRange)? {
        var name = name
        return name.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 < 0x80 }) else {
                let name = String(decoding: utf8, as: UTF8.self)
                if let first = others[name] { return first }
                others[name] = (path, range)
                return nil
            }
            let hash = Self.hash(utf8)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 {
                if slots[slot] & Self.tagMask == hash & Self.tagMask {
                    let entry = entries[Int(UInt32(truncatingIfNeeded: slots[slot])) - 1]
                    if entry.hash == hash, Int(entry.length) == utf8.count,
                       bytes[Int(entry.start)..<Int(entry.start) + utf8.count].elementsEqual(utf8) {
                        return (paths[Int(entry.path)], entry.range)
                    }
                }
                slot = (slot + 1) & mask
            }
            if paths.last != path { paths.append(path) }
            entries.append(Entry(hash: hash, start: Int32(bytes.count), length: Int32(utf8.count),
                                 path: Int32(paths.count - 1), range: range))
            bytes.append(contentsOf: utf8)
            slots[slot] = hash & Self.tagMask | UInt64(entries.count)
            if entries.count * 2 > slots.count { rebuild(size: slots.count * 2) }
            return nil
        }
    }

    private mutating func rebuild(size: Int) {
        slots = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry.hash & Self.tagMask | UInt64(index + 1)
        }
    }

    private static var tagMask: UInt64 { 0xFFFF_FFFF_0000_0000 }

    /// FNV-1a, then a final mix so the low bits (the slot) depend on every byte.
    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        hash ^= hash >> 32
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        return hash ^ (hash >> 29)
    }
}
