#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The per-event node memo's memory, `Int32` slots where `decide` notes
/// firing rules and their tags, and `String` slots where it keeps a
/// winner's placeholder texts while the decision is written: one buffer per thread, kept between
/// events and grown as needed, so an evaluation allocates nothing for them
/// and needs no closure scope (`withUnsafeTemporaryAllocation`'s closure
/// made the decision be copied out of it on every event).
///
/// A thread's buffer is freed when the thread exits. A nested evaluation on
/// the same thread (a sentiment scorer that evaluates another turn) finds
/// the buffer taken and gets a buffer of its own for that call.
struct MemoScratch: ~Copyable {
    /// `memoBytes` zeroed bytes.
    let bytes: UnsafeMutablePointer<UInt8>
    /// `slots` uninitialised slots.
    let slots: UnsafeMutablePointer<Int32>
    /// `texts` uninitialised slots, left uninitialised after each use (the
    /// buffer is freed as raw memory).
    let texts: UnsafeMutablePointer<String>
    private let owned: Bool

    /// Layout of a thread's buffer: this header, then the bytes.
    private struct Header {
        var capacity: Int
        var inUse: Bool
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { buffer in free(buffer) }
        precondition(status == 0, "pthread_key_create failed (\(status))")
        return key
    }()

    init(memoBytes: Int, slots slotCount: Int, texts textCount: Int) {
        let count = max(memoBytes, 1)
        // The slots follow the memo, then the texts, each 8-aligned.
        let slotOffset = (count + 7) & ~7
        let textOffset = (slotOffset + 4 * max(slotCount, 1) + 7) & ~7
        let total = textOffset + MemoryLayout<String>.stride * max(textCount, 1)
        var header = pthread_getspecific(Self.key)?.assumingMemoryBound(to: Header.self)
        if let current = header, current.pointee.inUse {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: total, alignment: 8)
            bytes = raw.bindMemory(to: UInt8.self, capacity: count)
            bytes.initialize(repeating: 0, count: count)
            slots = (raw + slotOffset).bindMemory(to: Int32.self, capacity: max(slotCount, 1))
            texts = (raw + textOffset).bindMemory(to: String.self, capacity: max(textCount, 1))
            owned = true
            return
        }
        if header == nil || header!.pointee.capacity < total {
            free(header)
            // Rounded up, so a growing rule set does not reallocate on every reload.
            let capacity = max(total.roundedUpToPowerOfTwo, 256)
            guard let raw = malloc(MemoryLayout<Header>.stride + capacity) else {
                fatalError("out of memory for a \(capacity)-byte evaluation memo")
            }
            header = raw.bindMemory(to: Header.self, capacity: 1)
            _ = (raw + MemoryLayout<Header>.stride).bindMemory(to: UInt8.self, capacity: capacity)
            header!.pointee = Header(capacity: capacity, inUse: false)
            pthread_setspecific(Self.key, raw)
        }
        header!.pointee.inUse = true
        let raw = UnsafeMutableRawPointer(header!) + MemoryLayout<Header>.stride
        bytes = raw.assumingMemoryBound(to: UInt8.self)
        bytes.initialize(repeating: 0, count: count)
        slots = (raw + slotOffset).bindMemory(to: Int32.self, capacity: max(slotCount, 1))
        texts = (raw + textOffset).bindMemory(to: String.self, capacity: max(textCount, 1))
        owned = false
    }

    deinit {
        if owned {
            UnsafeMutableRawPointer(bytes).deallocate()
        } else {
            let raw = UnsafeMutableRawPointer(bytes) - MemoryLayout<Header>.stride
            raw.assumingMemoryBound(to: Header.self).pointee.inUse = false
        }
    }
}

extension Int {
    fileprivate var roundedUpToPowerOfTwo: Int {
        self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
    }
}
