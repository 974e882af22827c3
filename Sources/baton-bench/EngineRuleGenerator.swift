import BatonCore

/// Engine-sized rule sets and conversations for `baton-bench engine`: rules
/// scoped to intents as real packs are (a few intent-free ones), with
/// confidence thresholds, sentiment windows, API errors and statuses,
/// metadata, phrases, patterns, guards and templates. Also emits the same
/// policy as plain data so `scripts/engine/compare.py` can rebuild it for
/// other engines. Deterministic for a given count and seed.
struct EngineRuleGenerator {
    var random: SplitMix

    static let intents = (0..<60).map { "intent_\($0)" }
    static let apis = ["orders", "payments", "shipping", "returns"]
    static let statuses = ["placed", "shipped", "delivered", "delayed", "lost_in_transit"]
    static let tiers = ["bronze", "silver", "gold", "platinum"]
    static let words = [
        "order", "parcel", "refund", "late", "again", "agent", "broken", "size", "charge", "card",
        "please", "where", "is", "my", "the", "still", "not", "arrived", "help", "need", "money",
        "back", "wrong", "item", "box", "today", "week", "waiting", "email", "reply",
    ]

    /// One generated rule, also as data for other engines.
    struct PolicyRule: Codable {
        var name: String
        var priority: Int
        var outcome: String
        var intents: [String]?
        var minConfidence: Double?
        var maxAvgSentiment3: Double?
        var api: String?
        var apiStatus: String?
        var minAPIErrors5: Int?
        var metadataField: String?
        var metadataMin: Double?
        var tiers: [String]?
        var phrase: String?
    }

    init(seed: UInt64) { random = SplitMix(state: seed) }

    mutating func ruleSet(count: Int) -> (source: String, policy: [PolicyRule]) {
        var text = """
        schema {
          intents \(Self.intents.joined(separator: ", "))
          apis \(Self.apis.map { "\($0) [" + Self.statuses.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }.joined(separator: ", "))
          metadata order_id: string, cart_value: number, items: number, tier: string
        }
        guards {
          cooldown 3 turns
          max_escalations 2
        }
        let frustrated = avg(sentiment, last 3) <= -0.45 and trend(sentiment, last 4) < 0

        """
        var policy: [PolicyRule] = []
        for index in 0..<count {
            let (source, rule) = self.rule(index)
            text += source
            policy.append(rule)
        }
        return (text, policy)
    }

    private mutating func rule(_ index: Int) -> (String, PolicyRule) {
        let name = "r\(index)"
        let priority = random.next(200)
        var rule = PolicyRule(name: name, priority: priority, outcome: "escalate")
        let intents = (0..<(1 + random.next(3))).map { _ in random.pick(Self.intents) }
        let intentList = "[" + intents.joined(separator: ", ") + "]"
        let confidence = Double(5 + random.next(4)) / 10
        let api = random.pick(Self.apis)
        var condition: String
        switch index % 10 {
        case 0, 1, 2:
            condition = "intent in \(intentList) and confidence >= \(confidence)"
            rule.intents = intents
            rule.minConfidence = confidence
        case 3:
            let threshold = Double(2 + random.next(5)) / 10
            condition = "intent in \(intentList) and avg(sentiment, last 3) <= -\(threshold)"
            rule.intents = intents
            rule.maxAvgSentiment3 = -threshold
        case 4:
            let status = random.pick(Self.statuses)
            condition = "intent in \(intentList) and (api.\(api).status == \"\(status)\" or count(api_error is 5xx, last 5) >= 2)"
            rule.intents = intents
            rule.api = api
            rule.apiStatus = status
            rule.minAPIErrors5 = 2
        case 5:
            let minimum = Double(100 * (1 + random.next(9)))
            condition = "intent in \(intentList) and metadata.cart_value >= \(Int(minimum))"
            rule.intents = intents
            rule.metadataField = "cart_value"
            rule.metadataMin = minimum
        case 6:
            condition = "intent in \(intentList) and metadata.tier in [\"gold\", \"platinum\"]"
            rule.intents = intents
            rule.tiers = ["gold", "platinum"]
        case 7:
            let phrase = random.pick(Self.words) + " " + random.pick(Self.words)
            condition = "intent in \(intentList) and message contains [\"\(phrase)\"]"
            rule.intents = intents
            rule.phrase = phrase
        case 8:
            condition = "intent in \(intentList) and (frustrated or min(sentiment, last 10) < -0.9)"
            rule.intents = intents
            rule.maxAvgSentiment3 = -0.45
        default:
            // Intent-free rules: visited on every turn.
            if index % 20 == 9 {
                condition = "count(api.\(api).error is 5xx, last 5) >= 3 and metadata.items > \(random.next(5))"
                rule.api = api
                rule.minAPIErrors5 = 3
            } else {
                condition = "intent in \(intentList) and message matches \"(charged|billed) (twice|two times)\""
                rule.intents = intents
                rule.phrase = "charged twice"
            }
        }
        var text = "rule \(name) {\n  priority \(priority)\n  when \(condition)\n"
        switch random.next(3) {
        case 0:
            text += "  then escalate queue \"q\(random.next(6))\" priority high\n       reason \"Order {metadata.order_id}: \(api) said {api.\(api).status}\"\n       say \"Connecting you with a colleague.\"\n}\n"
        case 1:
            rule.outcome = "offer_handoff"
            text += "  then offer_handoff reason \"Rule \(index) on {metadata.order_id}\"\n}\n"
        default:
            rule.outcome = "continue"
            text += "  then tag \"t\(random.next(20))\"\n}\n"
        }
        return (text, rule)
    }

    /// A conversation stream: customer turns (with intents, a message of
    /// `words` words, sometimes metadata) each followed by a bot event with
    /// API results.
    mutating func events(count: Int, words: Int, sessions: Int) -> [TurnEvent] {
        var events: [TurnEvent] = []
        events.reserveCapacity(count)
        while events.count < count {
            let session = "s\(random.next(sessions))"
            let intent = random.next(50) == 0 ? "not_declared" : random.pick(Self.intents)
            let text = (0..<words).map { _ in random.pick(Self.words) }.joined(separator: " ")
            var metadata: [String: Value] = [:]
            if random.next(4) == 0 {
                metadata = [
                    "order_id": .string("A-\(random.next(99_999))"),
                    "cart_value": .number(Double(random.next(1_000))),
                    "tier": .string(random.pick(Self.tiers)),
                    "items": .number(Double(random.next(6))),
                ]
            }
            events.append(TurnEvent(
                sessionID: session, role: .customer, text: text,
                intents: [IntentScore(name: intent, confidence: Double(random.next(100)) / 100)],
                metadata: metadata))
            let http = random.next(10) == 0 ? 503 : 200
            events.append(TurnEvent(
                sessionID: session, role: .bot, text: "Let me check that.",
                apiResults: [APIResult(api: random.pick(Self.apis), status: random.pick(Self.statuses), httpStatus: http)]))
        }
        return events
    }
}

/// SplitMix64: tiny, fast, deterministic.
struct SplitMix {
    var state: UInt64

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }
}
