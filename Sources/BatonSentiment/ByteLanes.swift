/// Eight ASCII bytes in one `UInt64`, tested all at once (SWAR). Each test
/// answers with the high bit of every byte lane that passes, so the first
/// passing byte is `trailingZeroBitCount / 8`.
///
/// Only for bytes below 0x80: adding to a lane then never carries into the
/// next, which is what the range tests rely on.
enum ByteLanes {
    static let width = 8
    static let high: UInt64 = 0x8080_8080_8080_8080
    static let ones: UInt64 = 0x0101_0101_0101_0101

    /// Eight bytes from `pointer`, first byte in the low lane on any host.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// `count` (1...7) bytes from `pointer` in the low lanes, the rest zero,
    /// reading only those bytes: two overlapping loads of four or two.
    @inline(__always)
    static func loadShort(_ pointer: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(pointer)
        if count >= 4 {
            let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            return low | high &<< UInt64((count - 4) * 8)
        }
        if count >= 2 {
            let low = UInt64(UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self)))
            let high = UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)))
            return low | high &<< UInt64((count - 2) * 8)
        }
        return UInt64(pointer[0])
    }

    @inline(__always)
    static func store(_ lanes: UInt64, to pointer: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: lanes.littleEndian, as: UInt64.self)
    }

    /// Lanes whose byte is at least `bound` (1...0x80).
    @inline(__always)
    static func atLeast(_ lanes: UInt64, _ bound: UInt8) -> UInt64 {
        (lanes &+ ones &* UInt64(0x80 &- bound)) & high
    }

    /// Lanes whose byte is in `lower...upper` (upper below 0x80).
    @inline(__always)
    static func within(_ lanes: UInt64, _ lower: UInt8, _ upper: UInt8) -> UInt64 {
        atLeast(lanes, lower) & ~atLeast(lanes, upper + 1)
    }

    @inline(__always)
    static func equal(_ lanes: UInt64, _ byte: UInt8) -> UInt64 {
        within(lanes, byte, byte)
    }

    /// Python's `str.isspace()` on ASCII: 0x09–0x0D and 0x1C–0x20
    /// (`TextRules.whitespaceLength`).
    @inline(__always)
    static func whitespace(_ lanes: UInt64) -> UInt64 {
        within(lanes, 0x09, 0x0D) | within(lanes, 0x1C, 0x20)
    }

    /// How many lanes of a test's answer are set, without a popcount
    /// instruction (the baseline x86-64 target has none): each lane's bit
    /// moved to the bottom, then all eight summed into the top byte.
    @inline(__always)
    static func count(_ answer: UInt64) -> Int {
        Int(truncatingIfNeeded: ((answer >> 7) &* ones) >> 56)
    }

    /// A mask of the first `count` lanes (0...8).
    @inline(__always)
    static func first(_ count: Int) -> UInt64 {
        count >= width ? .max : (UInt64(1) &<< UInt64(count &* 8)) &- 1
    }
}
