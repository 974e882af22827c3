import Baton
import BatonCheck
import BatonCore
import BatonGraph
import Synchronization
import Testing

/// The schema most tests share.
let testSchema = """
schema {
  intents  wismo, refund_request, payment_dispute, fraud, human_request, sizing
  apis     orders ["placed", "shipped", "delivered", "lost_in_transit"], payments
  tools    lookup_order
  metadata order_id: string, cart_value: number, tier: string, vip: bool, skus: list
}

"""

/// A scorer that reads fixed scores from a table (0 for other text) and counts its calls.
final class FakeScorer: SentimentScoring {
    let table: [String: Double]
    private let counter = Mutex(0)

    init(_ table: [String: Double] = [:]) { self.table = table }

    var calls: Int { counter.withLock { $0 } }

    func scores(_ text: String) -> SentimentScores {
        counter.withLock { $0 += 1 }
        // "s=-0.62 ..." sets the score inline, so tables stay short.
        if text.hasPrefix("s="), let value = Double(text.dropFirst(2).prefix { $0 != " " }) {
            return SentimentScores(neg: 0, neu: 1, pos: 0, compound: value)
        }
        return SentimentScores(neg: 0, neu: 1, pos: 0, compound: table[text] ?? 0)
    }
}

/// Checks `source` (with the test schema unless `schema` is false) and fails the test on errors.
func checked(_ source: String, schema: Bool = true) throws -> CheckedRuleSet {
    let text = (schema ? testSchema : "") + source
    let result = Checker.check([SourceFile(path: "test.baton", text: text)], loader: nil, lint: false)
    guard let set = result.ruleSet else {
        Issue.record("rules do not check: \(result.diagnostics.map(\.message))")
        throw CheckFailed()
    }
    return set
}

struct CheckFailed: Error {}

func engine(_ source: String, scorer: FakeScorer = FakeScorer()) throws -> RuleEngine {
    RuleEngine(ruleSet: try checked(source), scorer: scorer)
}

func customer(
    _ text: String = "hello", intent: String? = nil, confidence: Double = 0.9,
    metadata: [String: Value] = [:], api: [APIResult] = [], tools: [ToolCall] = []
) -> TurnEvent {
    TurnEvent(
        sessionID: "s", role: .customer, text: text,
        intents: intent.map { [IntentScore(name: $0, confidence: confidence)] } ?? [],
        apiResults: api, toolCalls: tools, metadata: metadata)
}

func bot(_ text: String = "ok", api: [APIResult] = [], tools: [ToolCall] = [], metadata: [String: Value] = [:]) -> TurnEvent {
    TurnEvent(sessionID: "s", role: .bot, text: text, apiResults: api, toolCalls: tools, metadata: metadata)
}

func operatorEvent(handBack: Bool = false) -> TurnEvent {
    TurnEvent(sessionID: "s", role: .operator, text: "back to you", handBack: handBack)
}

/// Feeds events to a fresh session; returns every decision.
func run(_ engine: RuleEngine, _ events: [TurnEvent]) -> [Decision] {
    var session = engine.makeSession(id: "s")
    return events.map { engine.evaluate($0, in: &session) }
}

/// Customer turns with these sentiments (via `FakeScorer`'s `s=` prefix).
func moods(_ values: [Double]) -> [TurnEvent] {
    values.map { customer("s=\($0) words") }
}
