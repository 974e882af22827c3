/// Generates large, realistic rule files for benchmarks: a mix of intent
/// sets with confidence, sentiment windows, API error counts, metadata
/// tests, message phrases and patterns, templates, lets and shadow rules.
/// Deterministic for a given count and seed.
struct RuleGenerator {
    var seed: UInt64

    static let intents = (0..<60).map { "intent_\($0)" }
    static let apis = (0..<8).map { "api_\($0)" }
    static let statuses = ["ok", "pending", "shipped", "delayed", "lost", "failed"]
    static let numberFields = (0..<10).map { "num_\($0)" }
    static let stringFields = (0..<10).map { "str_\($0)" }

    mutating func next(_ bound: Int) -> Int {
        // SplitMix64: tiny, fast, good enough for benchmark variety.
        seed &+= 0x9E37_79B9_7F4A_7C15
        var z = seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    mutating func pick<T>(_ values: [T]) -> T { values[next(values.count)] }

    static func schema() -> String {
        var text = "schema {\n  intents " + intents.joined(separator: ", ") + "\n"
        text += "  apis " + apis.map { "\($0) [" + statuses.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "\n"
        text += "  metadata " + (numberFields.map { "\($0): number" } + stringFields.map { "\($0): string" } + ["order_id: string"]).joined(separator: ", ") + "\n}\n\n"
        text += "guards {\n  cooldown 3 turns\n  max_escalations 2\n}\n\n"
        return text
    }

    /// A file of `count` rules (and a let every 50 rules).
    mutating func file(rules count: Int) -> String {
        var text = Self.schema()
        text.reserveCapacity(count * 330)
        for index in 0..<count {
            if index % 50 == 0 {
                text += "let upset_\(index) = avg(sentiment, last \(2 + next(5))) <= -0.\(2 + next(7)) and trend(sentiment, last 4) < 0\n\n"
            }
            text += rule(index)
        }
        return text
    }

    mutating func rule(_ index: Int) -> String {
        let api = pick(Self.apis)
        var text = next(20) == 0 ? "shadow rule r\(index) {\n" : "rule r\(index) {\n"
        text += "  description \"Generated rule \(index)\"\n  priority \(next(200))\n"
        let condition: String
        switch index % 5 {
        case 0:
            condition = "intent in [\(pick(Self.intents)), \(pick(Self.intents))] and confidence >= 0.\(5 + next(5))\n    and avg(sentiment, last \(2 + next(5))) <= -0.\(1 + next(8))"
        case 1:
            condition = "count(api.\(api).error is 5xx, last \(3 + next(5))) >= 2\n    or api.\(api).status == \"\(pick(Self.statuses))\" and metadata.\(pick(Self.numberFields)) > \(next(1000))"
        case 2:
            condition = "intent == \(pick(Self.intents)) and upset_\(index / 50 * 50)\n    or message contains [\"word\(next(100))\", \"phrase number \(next(100))\"]"
        case 3:
            condition = "metadata.\(pick(Self.stringFields)) in [\"a\(next(9))\", \"b\(next(9))\"] and metadata.\(pick(Self.numberFields)) >= \(next(500))\n    and not intent in [\(pick(Self.intents))]"
        default:
            condition = "message matches \"(refund|return) (for|on) order \\\\d{\(1 + next(4)),8}\"\n    or consecutive(sentiment < -0.\(next(9))) >= \(2 + next(3)) or intent was [\(pick(Self.intents))] within last \(2 + next(6))"
        }
        text += "  when \(condition)\n"
        switch next(3) {
        case 0:
            text += "  then escalate queue \"q\(next(10))\" priority high\n       reason \"Order {metadata.order_id}: \(api) said {api.\(api).status}\"\n       say \"Connecting you with a colleague.\"\n}\n\n"
        case 1:
            text += "  then offer_handoff reason \"Rule \(index) on {metadata.order_id}\"\n}\n\n"
        default:
            text += "  then tag \"t\(next(20))\"\n}\n\n"
        }
        return text
    }
}
