/// The schema's names (intents, metadata fields, APIs, tools) to their slots,
/// for the per-event lookups of an event's strings.
///
/// Open addressing over an FNV-1a hash of the UTF-8 bytes: cheaper per lookup
/// than `Dictionary<String, _>`'s seeded SipHash. Only the schema's names are
/// stored, fixed when the plan is built, so input can lengthen no probe
/// sequence; an unknown name costs at most the longest one.
///
/// A class over buffers it owns: a lookup reads them without retaining four
/// arrays or checking bounds (which cost more than the hash itself).
final class NameIndex: @unchecked Sendable {
    /// Index into `starts`/`values` per table slot; -1 when empty. A power of two long.
    private let table: UnsafeMutableBufferPointer<Int32>
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Name `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private let starts: UnsafeMutableBufferPointer<Int32>
    private let values: UnsafeMutableBufferPointer<Int32>

    init(_ entries: [String: Int]) {
        var size = 8
        while size < entries.count * 2 { size <<= 1 }
        var table = [Int32](repeating: -1, count: size)
        var bytes: [UInt8] = []
        var starts: [Int32] = [0]
        var values: [Int32] = []
        // Sorted, so the layout does not depend on dictionary order.
        for (name, value) in entries.sorted(by: { $0.key < $1.key }) {
            let utf8 = Array(name.utf8)
            var slot = Int(truncatingIfNeeded: utf8.withUnsafeBufferPointer(Self.hash)) & (size - 1)
            while table[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            table[slot] = Int32(values.count)
            bytes.append(contentsOf: utf8)
            starts.append(Int32(bytes.count))
            values.append(Int32(value))
        }
        self.table = Self.copy(table)
        self.bytes = Self.copy(bytes)
        self.starts = Self.copy(starts)
        self.values = Self.copy(values)
    }

    deinit {
        table.deallocate()
        bytes.deallocate()
        starts.deallocate()
        values.deallocate()
    }

    private static func copy<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(from: array)
        return buffer
    }

    /// The slot of `name`, or nil when the schema does not declare it.
    func slot(of name: String) -> Int? {
        if let found = name.utf8.withContiguousStorageIfAvailable({ lookup($0) }) { return found }
        return Array(name.utf8).withUnsafeBufferPointer { lookup($0) }
    }

    @inline(__always)
    private func lookup(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(name)) & mask
        while true {
            let entry = Int(table[slot])
            if entry < 0 { return nil }
            let start = Int(starts[entry]), end = Int(starts[entry + 1])
            if end - start == name.count, equal(name, start) { return Int(values[entry]) }
            slot = (slot + 1) & mask
        }
    }

    private func equal(_ name: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        for offset in 0..<name.count where bytes[start + offset] != name[offset] { return false }
        return true
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash ^ (hash >> 29)
    }
}
