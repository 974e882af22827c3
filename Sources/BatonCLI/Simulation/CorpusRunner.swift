import Baton
import BatonCore
import Foundation

/// What one transcript file produced: its replayed conversations (or why
/// it could not be read), the counts, and optionally its rendered output.
struct FileReplay: Sendable {
    var path: String
    var conversations: [ReplayedConversation]
    var failure: TranscriptFailure?
    var stats: SimulationStats
    /// Text the caller asked the worker to render, printed in path order.
    var rendered: String
}

/// Loads and replays transcript files on all cores, handing results back in
/// path order. Each file is independent (a fresh session per conversation,
/// one shared thread-safe engine), so only the order of output needs care.
struct CorpusRunner: Sendable {
    var engine: RuleEngine
    var limits: TranscriptLimits = .default
    /// Files handled per parallel batch; bounds memory when output is kept.
    var batchSize = 512
    /// Keep the replayed turns in `FileReplay.conversations` (off for summaries of big corpora).
    var keepConversations = false

    /// Replays `files`; `render` runs on the worker, `emit` on the caller's thread in order.
    func run(
        _ files: [String],
        explain: Bool = false,
        render: @escaping @Sendable (FileReplay, [ReplayedConversation]) -> String = { _, _ in "" },
        emit: (FileReplay) -> Void
    ) {
        ParallelBatches.forEach(files, batchSize: batchSize, transform: { path in
            replay(path, explain: explain, render: render)
        }, emit: emit)
    }

    private func replay(
        _ path: String, explain: Bool, render: (FileReplay, [ReplayedConversation]) -> String
    ) -> FileReplay {
        var stats = SimulationStats()
        stats.files = 1
        var result = FileReplay(path: path, conversations: [], failure: nil, stats: stats, rendered: "")
        switch TranscriptFiles.load(path, limits: limits) {
        case .failed(let failure):
            result.failure = failure
            result.rendered = render(result, [])
        case .loaded(let transcripts):
            var conversations: [ReplayedConversation] = []
            for transcript in transcripts {
                let conversation = Replay.run(transcript, engine: engine, explainAll: explain)
                result.stats.add(conversation)
                conversations.append(conversation)
            }
            result.rendered = render(result, conversations)
            if keepConversations { result.conversations = conversations }
        }
        return result
    }
}

/// Ordered parallel map: items are transformed on all cores a batch at a
/// time, and results are handed back on the caller's thread in input order.
enum ParallelBatches {
    static func forEach<Item: Sendable, Result: Sendable>(
        _ items: [Item], batchSize: Int, transform: @escaping @Sendable (Item) -> Result, emit: (Result) -> Void
    ) {
        var start = 0
        while start < items.count {
            let batch = Array(items[start..<min(items.count, start + batchSize)])
            let slots = Slots<Result>(count: batch.count)
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                slots.set(index, transform(batch[index]))
            }
            for result in slots.values { emit(result) }
            start += batch.count
        }
    }
}

/// Fixed slots written once each from concurrent workers.
final class Slots<Element: Sendable>: @unchecked Sendable {
    // INVARIANT: every access goes through `lock`.
    private var storage: [Element?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Element) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Element] {
        lock.lock()
        defer { lock.unlock() }
        return storage.compactMap { $0 }
    }
}
