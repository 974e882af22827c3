public import BatonCore
public import BatonGraph
import BatonPattern

/// Evaluates turn events against one compiled graph. A value with no mutable
/// state: share one across threads; each call reads the graph and updates
/// only the session state it is given. No locks, no I/O.
///
/// ```swift
/// let evaluator = Evaluator(graph: graph, scorer: VaderScorer())
/// var state = evaluator.makeState()
/// let decision = evaluator.evaluate(event, state: &state)
/// ```
public struct Evaluator: Sendable {
    public let graph: DecisionGraph
    let plan: Plan

    /// - Parameter scorer: scores customer messages when a reachable test
    ///   needs sentiment; nil makes sentiment 0 (neutral) for every message.
    public init(graph: DecisionGraph, scorer: (any SentimentScoring)?) {
        self.graph = graph
        self.plan = Plan(graph: graph, layout: StateLayout(graph), scorer: scorer)
    }

    /// An empty session state sized for this graph.
    public func makeState() -> SessionState {
        SessionState(words: plan.layout.wordCount, metadataFields: graph.metadataFields.count)
    }

    /// Whether the schema declares `intent`; turns whose top intent it does
    /// not declare match no intent test (callers may count them).
    public func isKnownIntent(_ intent: String) -> Bool { graph.intentIDs[intent] != nil }

    /// Folds `event` into `state` and decides the turn.
    /// - Parameter explain: fill `Decision.trace` for every visited rule.
    public func evaluate(_ event: TurnEvent, state: inout SessionState, explain: Bool = false) -> Decision {
        var stats = EvaluationStats()
        return evaluate(event, state: &state, explain: explain, stats: &stats)
    }

    /// As `evaluate(_:state:explain:)`, also reporting the work done.
    public func evaluate(_ event: TurnEvent, state: inout SessionState, explain: Bool, stats: inout EvaluationStats) -> Decision {
        let scratch = MemoScratch(plan.scratch)
        return withUnsafeMutablePointer(to: &state) { caller in
            // The run lives in the scratch space and takes the caller's state
            // for the call; `TurnRun.end` puts it back.
            let run = scratch.run
            run.initialize(to: TurnRun(plan: plan, state: caller.move(), memo: scratch.bytes, explain: explain))
            run.pointee.ingest(event)
            let decision = run.pointee.decide(scratch: scratch.slots, texts: scratch.texts)
            // The message is not kept: what later events of the turn can read is computed now.
            if event.role == .customer, !plan.layout.keepsMessage { run.pointee.resolveMessageFeatures() }
            stats = run.pointee.stats
            TurnRun.end(run, into: caller)
            return decision
        }
    }
}

/// Counters of one evaluation, for tests and benchmarks.
public struct EvaluationStats: Sendable, Hashable {
    /// Rules whose condition was looked at (the dispatch index's candidates).
    public var rulesVisited = 0
    /// Candidates not looked at because the turn's first evaluation noted
    /// whether they fire and nothing a later event brings can change it
    /// (`TurnFixedRules`).
    public var rulesRecalled = 0
    /// Distinct nodes evaluated (a shared node counts once).
    public var nodesEvaluated = 0
    /// Whether the sentiment scorer was called.
    public var sentimentScored = false
    /// Whether the customer message was folded for phrases or patterns.
    public var messageFolded = false

    public init() {}
}
