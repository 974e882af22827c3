public import BatonCheck
public import BatonCore
public import BatonGraph
import BatonCompiler
import BatonRuntime
import BatonSentiment
import Synchronization

/// The library entry point for bot developers: load rules once, make a
/// session per conversation, call `evaluate` on every turn event.
///
/// ```swift
/// let engine = try RuleEngine.load(paths: ["rules/"])
/// var session = engine.makeSession(id: "chat-42")
/// let decision = engine.evaluate(event, in: &session)
/// if decision.outcome == .escalate { handOff(decision.queue, decision.reason) }
/// ```
///
/// The engine is thread-safe. `evaluate` checks that the session is on the
/// compiled rules in service (one atomic load; after a reload, one short
/// critical section to take the new rules) and runs without locks;
/// the session is the caller's value, so one session must not be evaluated
/// from two threads at once. `reload(paths:)` swaps the rules atomically:
/// sessions made for the old rules keep working and move to the new rules
/// on their next event.
public final class RuleEngine: Sendable {
    private let current: Mutex<EngineSnapshot>
    /// `current`'s identity (`EngineSnapshot.identity`), readable without the
    /// lock: a session still on the rules in service runs on its own
    /// reference, with no lock and no retain.
    private let currentIdentity: Atomic<Int>
    private let unknownIntentCounts = Mutex<[String: Int]>([:])
    private let explicitScorer: (any SentimentScoring)?

    /// Loads the rule set under `paths` (a folder is one set; files are added
    /// to it) and compiles it.
    /// - Parameter scorer: sentiment scorer; nil uses `VaderScorer` with the set's lexicon overrides.
    /// - Throws: `RuleLoadError` with every diagnostic when a file is missing or has errors.
    public static func load(paths: [String], scorer: (any SentimentScoring)? = nil) throws(RuleLoadError) -> RuleEngine {
        let ruleSet = try RuleSetLoader.load(paths: paths)
        return RuleEngine(ruleSet: ruleSet, scorer: scorer)
    }

    /// An engine over an already checked rule set.
    public init(ruleSet: CheckedRuleSet, scorer: (any SentimentScoring)? = nil) {
        explicitScorer = scorer
        let snapshot = EngineSnapshot(EngineSnapshot.compile(ruleSet, scorer: scorer), version: 1)
        current = Mutex(snapshot)
        currentIdentity = Atomic(snapshot.identity)
    }

    /// Reloads the rules from `paths` and swaps them in atomically. When any
    /// file is missing or has errors, the rules in service are kept and the
    /// error carries the diagnostics.
    public func reload(paths: [String]) throws(RuleLoadError) {
        let ruleSet = try RuleSetLoader.load(paths: paths)
        replace(with: ruleSet)
    }

    /// Swaps in an already checked rule set.
    public func replace(with ruleSet: CheckedRuleSet) {
        // Compile outside the lock; only the swap is inside, where the
        // version is also settled, so two reloads at once still count two.
        let compiled = EngineSnapshot.compile(ruleSet, scorer: explicitScorer)
        current.withLock {
            let snapshot = EngineSnapshot(compiled, version: $0.version + 1)
            $0 = snapshot
            currentIdentity.store(snapshot.identity, ordering: .releasing)
        }
    }

    /// The compiled rules in service.
    public var graph: DecisionGraph { snapshot.graph }

    /// Increases by one with every successful reload; 1 after loading.
    public var version: Int { snapshot.version }

    /// A new conversation's session, sized for the rules in service.
    public func makeSession(id: String) -> Session {
        let snapshot = self.snapshot
        return Session(id: id, state: snapshot.evaluator.makeState(), snapshot: snapshot)
    }

    /// Evaluates one turn event and updates the session.
    /// - Parameter explain: fill `Decision.trace` with every visited rule's conditions and evidence.
    public func evaluate(_ event: TurnEvent, in session: inout Session, explain: Bool = false) -> Decision {
        // Identities are unique across engines, so a session made by another
        // engine is migrated too.
        if session.snapshot.identity != currentIdentity.load(ordering: .acquiring) {
            let snapshot = self.snapshot
            if session.snapshot !== snapshot {
                session.state = snapshot.evaluator.migrate(session.state, from: session.snapshot.graph)
                session.snapshot = snapshot
            }
        }
        // Borrowed: the session holds the snapshot for the whole call.
        let decision = Unmanaged.passUnretained(session.snapshot)._withUnsafeGuaranteedRef {
            $0.evaluator.evaluate(event, state: &session.state, explain: explain)
        }
        // The evaluator resolved the top intent already: no second name lookup.
        if event.role == .customer, let name = session.state.unknownIntentName {
            unknownIntentCounts.withLock { $0[name, default: 0] += 1 }
        }
        return decision
    }

    /// Top intents of customer turns that the schema does not declare, with
    /// how often each was seen, over the engine's lifetime (all sessions,
    /// across reloads). Such turns match no intent test and are not an error.
    public var unknownIntents: [String: Int] { unknownIntentCounts.withLock { $0 } }

    private var snapshot: EngineSnapshot { current.withLock { $0 } }
}

/// One conversation's state, owned by the caller (a value: store it where
/// the conversation lives). It remembers which compiled rules it was made
/// for; after a reload it is migrated on its next event.
public struct Session: Sendable {
    public let id: String
    var state: SessionState
    var snapshot: EngineSnapshot

    init(id: String, state: SessionState, snapshot: EngineSnapshot) {
        self.id = id
        self.state = state
        self.snapshot = snapshot
    }

    /// Customer turns so far.
    public var turnCount: Int { state.turnCount }
    /// Escalations so far (what `max_escalations` counts).
    public var escalations: Int { state.escalations }
    /// The state's size in bytes: the inline value plus its heap buffers.
    public var stateByteCount: Int { state.byteCount }
}

/// Every snapshot's `identity`, unique in the process.
private let snapshotIdentities = Atomic<Int>(0)

/// Compiled rules and their evaluator; replaced whole on reload.
final class EngineSnapshot: Sendable {
    let graph: DecisionGraph
    let evaluator: Evaluator
    let version: Int
    let identity: Int

    init(_ compiled: (graph: DecisionGraph, evaluator: Evaluator), version: Int) {
        graph = compiled.graph
        evaluator = compiled.evaluator
        self.version = version
        identity = snapshotIdentities.add(1, ordering: .relaxed).newValue
    }

    /// The graph and evaluator of `ruleSet`: the slow part, done outside the engine's lock.
    static func compile(_ ruleSet: CheckedRuleSet, scorer: (any SentimentScoring)?) -> (graph: DecisionGraph, evaluator: Evaluator) {
        let graph = Compiler.compile(ruleSet)
        let lexicon = graph.lexicon.map { LexiconOverride(phrase: $0.phrase, valence: $0.valence) }
        let chosen: any SentimentScoring = scorer
            ?? (lexicon.isEmpty ? VaderScorer() : VaderScorer(lexicon: Lexicon.bundled.overriding(lexicon)))
        return (graph, Evaluator(graph: graph, scorer: chosen))
    }
}
