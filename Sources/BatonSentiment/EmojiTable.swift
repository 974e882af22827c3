/// Emoji → text description ("😁" → "beaming face with smiling eyes"),
/// applied before tokenising, as VADER does.
///
/// The reference looks emoji up one code point at a time, so only the
/// single-scalar entries of its emoji file can ever match; multi-scalar
/// sequences (flags, ZWJ families, keycaps) are kept out of the table and
/// their parts are looked up one by one, exactly like the reference. Skin-tone
/// modifiers are entries of their own ("medium skin tone").
final class EmojiTable: @unchecked Sendable {
    // Open addressing keyed by scalar value; 0 marks an empty slot. Immutable
    // after init.
    private let scalars: UnsafeMutableBufferPointer<UInt32>
    private let starts: UnsafeMutableBufferPointer<UInt32>
    private let lengths: UnsafeMutableBufferPointer<UInt32>
    private let text: UnsafeMutableBufferPointer<UInt8>
    private let mask: Int
    /// No emoji below this scalar; ASCII text never pays for a lookup.
    let smallestScalar: UInt32
    let count: Int

    /// - Parameter entries: (scalar, description) pairs; later pairs win. The
    ///   descriptions are copied, so the buffers need only outlive the call.
    init(_ entries: [(scalar: UInt32, description: UnsafeBufferPointer<UInt8>)]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        scalars = .allocate(capacity: capacity)
        scalars.initialize(repeating: 0)
        starts = .allocate(capacity: capacity)
        starts.initialize(repeating: 0)
        lengths = .allocate(capacity: capacity)
        lengths.initialize(repeating: 0)
        text = .allocate(capacity: max(entries.reduce(0) { $0 + $1.description.count }, 1))
        mask = capacity - 1
        var offset = 0
        var distinct = 0
        var smallest = UInt32.max
        for (scalar, description) in entries where scalar != 0 {
            var slot = Self.slot(scalar) & mask
            while scalars[slot] != 0 && scalars[slot] != scalar { slot = (slot + 1) & mask }
            if scalars[slot] == 0 { distinct += 1 }
            // A repeated scalar points at its latest description, as a Python dict would.
            scalars[slot] = scalar
            starts[slot] = UInt32(offset)
            lengths[slot] = UInt32(description.count)
            for byte in description {
                text[offset] = byte
                offset += 1
            }
            smallest = min(smallest, scalar)
        }
        count = distinct
        smallestScalar = smallest
    }

    deinit {
        scalars.deallocate()
        starts.deallocate()
        lengths.deallocate()
        text.deallocate()
    }

    var byteCount: Int { scalars.count * 12 + text.count }

    @inline(__always)
    private static func slot(_ scalar: UInt32) -> Int {
        Int(truncatingIfNeeded: scalar &* 0x9E37_79B1 >> 7)
    }

    /// The description of `scalar`, or nil when it is not an emoji entry.
    @inline(__always)
    func description(of scalar: UInt32) -> UnsafeBufferPointer<UInt8>? {
        guard scalar >= smallestScalar else { return nil }
        var slot = Self.slot(scalar) & mask
        while true {
            let found = scalars[slot]
            if found == scalar {
                let start = Int(starts[slot])
                return UnsafeBufferPointer(rebasing: text[start..<start + Int(lengths[slot])])
            }
            if found == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// The length of `text` once emoji are replaced, or nil when it contains
    /// no emoji (the common case, which then needs no copy).
    func expandedLength(of text: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var length = 0
        var found = false
        var previousWasSpace = true
        while index < text.count {
            let byte = text[index]
            if byte < 0x80 {
                length += 1
                previousWasSpace = byte == 0x20
                index += 1
                continue
            }
            let (scalar, width) = TextRules.decodeScalar(text, at: index)
            if let description = description(of: scalar) {
                found = true
                length += description.count + (previousWasSpace ? 0 : 1)
                previousWasSpace = false
            } else {
                length += width
                previousWasSpace = false
            }
            index += width
        }
        return found ? length : nil
    }

    /// Writes `text` with every emoji replaced by its description into `out`
    /// (sized by `expandedLength`). As in the reference, a space is inserted
    /// before a description unless one precedes it, but none after it.
    func expand(_ text: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var index = 0
        var written = 0
        var previousWasSpace = true
        while index < text.count {
            let byte = text[index]
            if byte < 0x80 {
                out[written] = byte
                written += 1
                previousWasSpace = byte == 0x20
                index += 1
                continue
            }
            let (scalar, width) = TextRules.decodeScalar(text, at: index)
            if let description = description(of: scalar) {
                if !previousWasSpace {
                    out[written] = 0x20
                    written += 1
                }
                for byte in description {
                    out[written] = byte
                    written += 1
                }
            } else {
                for offset in 0..<width {
                    out[written] = text[index + offset]
                    written += 1
                }
            }
            previousWasSpace = false
            index += width
        }
        return written
    }
}
