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
        var hash: Int
        var start: Int32
        var length: Int32
        var path: Int32
        var range: SourceRange
    }

    /// A new name (the usual case) probes only the slots.
    private var slots = TaggedSlots()
    private var entries: [Entry] = []
    private var bytes: [UInt8] = []
    /// Paths by index: a set's rules come from a handful of files.
    private var paths: [String] = []
    private var others: [String: (path: String, range: SourceRange)] = [:]

    mutating func reserveCapacity(_ count: Int) {
        entries.reserveCapacity(count)
        bytes.reserveCapacity(count * 8)
        slots.reserve(count, count: entries.count) { entries[$0].hash }
    }

    /// Where `name` was first defined, or nil after noting that it is
    /// first defined at `path`, `range`.
    mutating func firstDefinition(of name: String, path: String, range: SourceRange) -> (path: String, range: SourceRange)? {
        // The checker's own text hash: ASCII, eight bytes at a time.
        var hasher = StructuralHasher()
        hasher.combine(name)
        let hash = hasher.value
        var name = name
        return name.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 < 0x80 }) else {
                let name = String(decoding: utf8, as: UTF8.self)
                if let first = others[name] { return first }
                others[name] = (path, range)
                return nil
            }
            let probe = slots.find(hash) { index in
                let entry = entries[index]
                return entry.hash == hash && Int(entry.length) == utf8.count
                    && bytes[Int(entry.start)..<Int(entry.start) + utf8.count].elementsEqual(utf8)
            }
            if let found = probe.entry { return (paths[Int(entries[found].path)], entries[found].range) }
            if paths.last != path { paths.append(path) }
            entries.append(Entry(hash: hash, start: Int32(bytes.count), length: Int32(utf8.count),
                                 path: Int32(paths.count - 1), range: range))
            bytes.append(contentsOf: utf8)
            slots.insert(entries.count - 1, hash: hash, at: probe) { entries[$0].hash }
            return nil
        }
    }
}
