#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Room for the evaluation's `TurnRun`, the per-event node memo, `Int32`
/// slots where `decide` notes firing rules and their tags, and `String`
/// slots where it keeps a winner's placeholder texts while the decision is
/// written: one buffer per thread, kept between events and grown as
/// needed, so an evaluation allocates nothing for them and needs no
/// closure scope (`withUnsafeTemporaryAllocation`'s closure made the
/// decision be copied out of it on every event).
///
/// A thread's buffer is freed when the thread exits. A nested evaluation on
/// the same thread (a sentiment scorer that evaluates another turn) finds
/// the buffer taken and gets a buffer of its own for that call.
struct MemoScratch: ~Copyable {
    /// Room for one uninitialised `TurnRun`, left uninitialised after each use.
    let run: UnsafeMutablePointer<TurnRun>
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

    init(_ layout: ScratchLayout) {
        let total = layout.byteCount
        var header = pthread_getspecific(Self.key)?.assumingMemoryBound(to: Header.self)
        let raw: UnsafeMutableRawPointer
        if let current = header, current.pointee.inUse {
            raw = UnsafeMutableRawPointer.allocate(byteCount: total, alignment: 16)
            owned = true
        } else {
            if header == nil || header!.pointee.capacity < total {
                free(header)
                // Rounded up, so a growing rule set does not reallocate on every reload.
                let capacity = max(total.roundedUpToPowerOfTwo, 256)
                guard let buffer = malloc(MemoryLayout<Header>.stride + capacity) else {
                    fatalError("out of memory for a \(capacity)-byte evaluation memo")
                }
                header = buffer.bindMemory(to: Header.self, capacity: 1)
                header!.pointee = Header(capacity: capacity, inUse: false)
                pthread_setspecific(Self.key, buffer)
            }
            header!.pointee.inUse = true
            raw = UnsafeMutableRawPointer(header!) + MemoryLayout<Header>.stride
            owned = false
        }
        run = raw.bindMemory(to: TurnRun.self, capacity: 1)
        bytes = (raw + layout.memoOffset).bindMemory(to: UInt8.self, capacity: layout.memoBytes)
        bytes.initialize(repeating: 0, count: layout.memoBytes)
        slots = (raw + layout.slotOffset).bindMemory(to: Int32.self, capacity: layout.slots)
        texts = (raw + layout.textOffset).bindMemory(to: String.self, capacity: layout.texts)
    }

    deinit {
        if owned {
            UnsafeMutableRawPointer(run).deallocate()
        } else {
            let raw = UnsafeMutableRawPointer(run) - MemoryLayout<Header>.stride
            raw.assumingMemoryBound(to: Header.self).pointee.inUse = false
        }
    }
}

/// Where a scratch buffer puts a run, the memo, the slots and the texts
/// for one plan; worked out once, when the plan is made.
struct ScratchLayout: Sendable {
    let memoBytes: Int
    let slots: Int
    let texts: Int
    let memoOffset: Int
    let slotOffset: Int
    let textOffset: Int
    let byteCount: Int

    init(memoBytes: Int, slots: Int, texts: Int) {
        self.memoBytes = max(memoBytes, 1)
        self.slots = max(slots, 1)
        self.texts = max(texts, 1)
        // The run first, then the memo, the slots and the texts, each 8-aligned.
        memoOffset = (MemoryLayout<TurnRun>.stride + 15) & ~15
        slotOffset = (memoOffset + self.memoBytes + 7) & ~7
        textOffset = (slotOffset + 4 * self.slots + 7) & ~7
        byteCount = textOffset + MemoryLayout<String>.stride * self.texts
    }
}

extension Int {
    fileprivate var roundedUpToPowerOfTwo: Int {
        self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
    }
}
