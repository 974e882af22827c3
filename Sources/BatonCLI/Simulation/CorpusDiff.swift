import Baton
import BatonCore

/// A turn whose decision differs between two rule versions.
struct DecisionChange: Sendable {
    var file: String
    var session: String
    var turn: Int
    var line: Int
    var before: Decision
    var after: Decision
}

/// A conversation with at least one changed turn.
struct ChangedConversation: Sendable {
    var label: String
    var changes: [DecisionChange]
}

/// Replays a corpus under two rule versions and compares them turn by turn.
struct CorpusDiff: Sendable {
    var old: RuleEngine
    var new: RuleEngine
    var limits: TranscriptLimits = .default

    struct Result: Sendable {
        var before = SimulationStats()
        var after = SimulationStats()
        var changed: [ChangedConversation] = []
        var failures: [TranscriptFailure] = []
    }

    /// Two decisions count as the same when outcome, deciding rule, queue
    /// and urgency agree; a reworded reason alone is not a change.
    static func same(_ a: Decision, _ b: Decision) -> Bool {
        a.outcome == b.outcome && a.rule == b.rule && a.queue == b.queue && a.urgency == b.urgency
    }

    func run(_ paths: [String]) -> Result {
        let (files, missing) = TranscriptFiles.discover(paths)
        var result = Result()
        result.failures = missing
        ParallelBatches.forEach(files, batchSize: 512, transform: { path in compare(path) }, emit: { file in
            result.before.merge(file.before)
            result.after.merge(file.after)
            result.changed += file.changed
            result.failures += file.failures
        })
        return result
    }

    private func compare(_ path: String) -> Result {
        var result = Result()
        result.before.files = 1
        result.after.files = 1
        switch TranscriptFiles.load(path, limits: limits) {
        case .failed(let failure):
            result.failures.append(failure)
        case .loaded(let transcripts):
            for transcript in transcripts {
                let before = Replay.run(transcript, engine: old, explainAll: false)
                let after = Replay.run(transcript, engine: new, explainAll: false)
                result.before.add(before)
                result.after.add(after)
                var changes: [DecisionChange] = []
                for (a, b) in zip(before.turns, after.turns) where !Self.same(a.decision, b.decision) {
                    changes.append(DecisionChange(
                        file: transcript.path, session: transcript.sessionID, turn: a.number, line: a.line,
                        before: a.decision, after: b.decision))
                }
                if !changes.isEmpty { result.changed.append(ChangedConversation(label: transcript.label, changes: changes)) }
            }
        }
        return result
    }
}
