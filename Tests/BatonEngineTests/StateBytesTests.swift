import Baton
import BatonCore
@testable import BatonRuntime
import Testing

/// What a session's state counts as its bytes.
struct StateBytesTests {
    /// The words and metadata never grow, so their spare capacity is the
    /// allocator's rounding (on Linux an array's capacity is the usable size
    /// malloc returns, which varies with the heap's state): it is not
    /// counted, so the same state has the same byte count in every run.
    @Test func theElementsAreCountedNotTheAllocatorsRounding() throws {
        let engine = try engine(LifecycleTests.windowTen)
        let evaluator = Evaluator(graph: engine.graph, scorer: FakeScorer())
        var state = evaluator.makeState()
        _ = evaluator.evaluate(
            customer("s=-0.2 where is my parcel", intent: "wismo", metadata: ["cart_value": .number(120)]), state: &state)
        #expect(!state.words.isEmpty && !state.metadata.isEmpty)
        let before = state.byteCount
        state.words.reserveCapacity(state.words.count + 16)
        state.metadata.reserveCapacity(state.metadata.count + 16)
        #expect(state.words.capacity >= state.words.count + 16)
        #expect(state.byteCount == before)
        let expected = MemoryLayout<SessionState>.size + 2 * SessionState.arrayHeader
            + state.words.count * MemoryLayout<UInt64>.stride + state.metadata.count * MemoryLayout<Value>.stride
            + state.turn.heapBytes
        #expect(before == expected)
    }
}
