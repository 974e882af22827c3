import Baton
import BatonCore
import Testing

/// One condition, a conversation, and whether the rule fires on its last event.
struct SemanticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var condition: String
        var events: [TurnEvent]
        var fires: Bool
        var testDescription: String { name }
    }

    static let lost = APIResult(api: "orders", status: "lost_in_transit", httpStatus: 200)
    static let weird = APIResult(api: "orders", status: "teleported", httpStatus: 200)
    static let timeout = APIResult(api: "payments", errorCode: "E_TIMEOUT", timedOut: true)
    static let notFound = APIResult(api: "orders", errorCode: "not_found", httpStatus: 404)
    /// A customer event without text (a sticker, an attachment).
    static let silent = TurnEvent(sessionID: "s", role: .customer)

    static let cases: [Case] = [
        // Missing values: comparisons are false, `not` of a comparison holds.
        Case(name: "missing != is false", condition: "metadata.tier != \"gold\"", events: [customer()], fires: false),
        Case(name: "not (missing ==) holds", condition: "not (metadata.tier == \"gold\")", events: [customer()], fires: true),
        Case(name: "missing in is false", condition: "metadata.tier in [\"gold\"]", events: [customer()], fires: false),
        Case(name: "missing not in is false", condition: "metadata.tier not in [\"gold\"]", events: [customer()], fires: false),
        Case(name: "exists missing", condition: "metadata.order_id exists", events: [customer()], fires: false),
        Case(name: "exists present", condition: "metadata.order_id exists", events: [customer(metadata: ["order_id": .string("A1")])], fires: true),
        Case(name: "no intent: confidence missing", condition: "confidence >= 0", events: [customer()], fires: false),
        Case(name: "no intent: intent != x false", condition: "intent != wismo", events: [customer()], fires: false),
        // Metadata merges across events; later keys replace.
        Case(name: "metadata number", condition: "metadata.cart_value >= 500", events: [customer(metadata: ["cart_value": .number(650)])], fires: true),
        Case(name: "metadata kept across turns", condition: "metadata.cart_value >= 500", events: [customer(metadata: ["cart_value": .number(650)]), customer()], fires: true),
        Case(name: "metadata replaced", condition: "metadata.cart_value >= 500", events: [customer(metadata: ["cart_value": .number(650)]), bot(metadata: ["cart_value": .number(20)])], fires: false),
        Case(name: "metadata null clears", condition: "metadata.tier exists", events: [customer(metadata: ["tier": .string("gold")]), bot(metadata: ["tier": .null])], fires: false),
        Case(name: "metadata wrong type is missing", condition: "metadata.cart_value > 1", events: [customer(metadata: ["cart_value": .string("lots")])], fires: false),
        Case(name: "metadata bool", condition: "metadata.vip", events: [customer(metadata: ["vip": .bool(true)])], fires: true),
        Case(name: "metadata list contains", condition: "metadata.skus contains [\"X1\", \"X2\"]", events: [customer(metadata: ["skus": .list([.string("A"), .string("X2")])])], fires: true),
        Case(name: "metadata string set", condition: "metadata.tier in [\"gold\", \"platinum\"]", events: [customer(metadata: ["tier": .string("gold")])], fires: true),
        Case(name: "metadata string outside set", condition: "metadata.tier in [\"gold\", \"platinum\"]", events: [customer(metadata: ["tier": .string("silver")])], fires: false),
        Case(name: "metadata string not in set", condition: "metadata.tier not in [\"gold\"]", events: [customer(metadata: ["tier": .string("silver")])], fires: true),
        Case(name: "metadata list without members", condition: "metadata.skus contains [\"X1\", \"X2\"]", events: [customer(metadata: ["skus": .list([.string("A"), .string("B")])])], fires: false),
        // Each value set is read from its own place in the plan's pool.
        Case(name: "two value sets, both hold", condition: "metadata.tier in [\"gold\"] and metadata.skus contains [\"X2\"]", events: [customer(metadata: ["tier": .string("gold"), "skus": .list([.string("X2")])])], fires: true),
        Case(name: "two value sets, second fails", condition: "metadata.tier in [\"gold\"] and metadata.skus contains [\"X2\"]", events: [customer(metadata: ["tier": .string("gold"), "skus": .list([.string("gold")])])], fires: false),
        // Intents.
        Case(name: "intent ==", condition: "intent == wismo", events: [customer(intent: "wismo")], fires: true),
        Case(name: "intent set + confidence", condition: "intent in [fraud, payment_dispute] and confidence >= 0.6", events: [customer(intent: "fraud", confidence: 0.7)], fires: true),
        Case(name: "low confidence", condition: "intent in [fraud] and confidence >= 0.6", events: [customer(intent: "fraud", confidence: 0.5)], fires: false),
        Case(name: "intent not in", condition: "intent not in [wismo]", events: [customer(intent: "sizing")], fires: true),
        Case(name: "intent was: earlier turn", condition: "intent was [human_request]", events: [customer(intent: "human_request"), customer(intent: "wismo")], fires: true),
        Case(name: "intent was: not the current turn", condition: "intent was [human_request]", events: [customer(intent: "human_request")], fires: false),
        Case(name: "intent was: whole session", condition: "intent was sizing", events: [customer(intent: "sizing")] + Array(repeating: customer(intent: "wismo"), count: 60), fires: true),
        Case(name: "intent was within: inside", condition: "intent was [human_request] within last 2", events: [customer(intent: "human_request"), customer(), customer()], fires: true),
        Case(name: "intent was within: outside", condition: "intent was [human_request] within last 2", events: [customer(intent: "human_request"), customer(), customer(), customer()], fires: false),
        Case(name: "turn_count", condition: "turn_count >= 3", events: [customer(), bot(), customer(), bot(), customer()], fires: true),
        // API results fold into the current turn.
        Case(name: "api status", condition: "api.orders.status == \"lost_in_transit\"", events: [customer(), bot(api: [lost])], fires: true),
        Case(name: "api status !=", condition: "api.orders.status != \"lost_in_transit\"", events: [customer(), bot(api: [weird])], fires: true),
        Case(name: "api status != same", condition: "api.orders.status != \"lost_in_transit\"", events: [customer(), bot(api: [lost])], fires: false),
        Case(name: "api status != when not called", condition: "api.orders.status != \"lost_in_transit\"", events: [customer()], fires: false),
        Case(name: "api status == without a status", condition: "api.orders.status == \"lost_in_transit\"", events: [customer(), bot(api: [notFound])], fires: false),
        Case(name: "api status != without a status", condition: "api.orders.status != \"lost_in_transit\"", events: [customer(), bot(api: [notFound])], fires: false),
        Case(name: "api status gone next turn", condition: "api.orders.status == \"lost_in_transit\"", events: [customer(), bot(api: [lost]), customer()], fires: false),
        Case(name: "status unknown", condition: "api.orders.status is unknown", events: [customer(), bot(api: [weird])], fires: true),
        Case(name: "declared status is known", condition: "api.orders.status is unknown", events: [customer(), bot(api: [lost])], fires: false),
        Case(name: "uncalled api is not unknown", condition: "api.orders.status is unknown", events: [customer()], fires: false),
        Case(name: "api_error", condition: "api_error", events: [customer(), bot(api: [timeout])], fires: true),
        Case(name: "api_error is timeout", condition: "api_error is timeout", events: [customer(), bot(api: [timeout])], fires: true),
        Case(name: "api_error is 5xx false for 404", condition: "api_error is 5xx", events: [customer(), bot(api: [notFound])], fires: false),
        Case(name: "api.x.error is 4xx", condition: "api.orders.error is 4xx", events: [customer(), bot(api: [notFound])], fires: true),
        Case(name: "api error of another api", condition: "api.orders.error", events: [customer(), bot(api: [timeout])], fires: false),
        Case(name: "error_code", condition: "api.payments.error_code == \"E_TIMEOUT\"", events: [customer(), bot(api: [timeout])], fires: true),
        Case(name: "http_status", condition: "api.orders.http_status >= 400", events: [customer(), bot(api: [notFound])], fires: true),
        Case(name: "api called", condition: "api.orders.error exists", events: [customer(), bot(api: [lost])], fires: true),
        // Tool calls.
        Case(name: "tool_call", condition: "tool_call escalate_to_human", events: [customer(), bot(tools: [ToolCall(name: "escalate_to_human", arguments: ["summary": .string("angry")])])], fires: true),
        Case(name: "tool_call other tool", condition: "tool_call escalate_to_human", events: [customer(), bot(tools: [ToolCall(name: "lookup_order")])], fires: false),
        Case(name: "tool.summary", condition: "tool.summary contains [\"refund\"]", events: [customer(), bot(tools: [ToolCall(name: "escalate_to_human", arguments: ["summary": .string("Wants a REFUND now")])])], fires: true),
        // Messages: bot events keep the customer's message.
        Case(name: "phrase", condition: "message contains [\"real person\", \"agent\"]", events: [customer("I want an AGËNT!")], fires: true),
        Case(name: "phrase word boundary", condition: "message contains [\"agent\"]", events: [customer("a reagent spill")], fires: false),
        Case(name: "phrase on bot event", condition: "message contains [\"agent\"]", events: [customer("agent please"), bot("one moment")], fires: true),
        Case(name: "pattern", condition: "message matches \"charged (twice|two times)\"", events: [customer("I was CHARGED two times")], fires: true),
        Case(name: "pattern no match", condition: "message matches \"charged (twice|two times)\"", events: [customer("charged once")], fires: false),
        Case(name: "pattern on bot event", condition: "message matches \"charged (twice|two times)\"", events: [customer("charged twice"), bot("one moment")], fires: true),
        // A turn that reads phrases finds a pattern's literals in the same scan, even mid-word.
        Case(name: "pattern via the phrase scan", condition: "message contains [\"refund\"] or message matches \"charged (twice|two times)\"", events: [customer("I was overCHARGED twice")], fires: true),
        Case(name: "pattern via the phrase scan, spaces", condition: "message contains [\"refund\"] or message matches \"charged (twice|two times)\"", events: [customer("charged  twice")], fires: false),
        Case(name: "pattern via the phrase scan, folded", condition: "message contains [\"refund\"] or message matches \"charged (twice|two times)\"", events: [customer("Déjà: CHARGED two times")], fires: true),
        Case(name: "pattern via the phrase scan, no literal", condition: "message contains [\"refund\"] or message matches \"charged (twice|two times)\"", events: [customer("charged once")], fires: false),
        Case(name: "pattern via the phrase scan on bot event", condition: "message contains [\"refund\"] or message matches \"charged (twice|two times)\"", events: [customer("overcharged twice"), bot("one moment")], fires: true),
        Case(name: "phrase on next turn", condition: "message contains [\"agent\"]", events: [customer("agent please"), bot("ok"), customer("thanks")], fires: false),
        // A pattern's answer is the turn's own: one that matched last turn does not hold on this turn's later events.
        Case(name: "pattern on next turn's bot event", condition: "message matches \"charged (twice|two times)\"", events: [customer("charged twice"), bot("ok"), customer("thanks"), bot("ok")], fires: false),
        Case(name: "pattern via the phrase scan on next turn's bot event", condition: "message contains [\"refund\"] or message matches \"charged (twice|two times)\"", events: [customer("charged twice"), bot("ok"), customer("thanks"), bot("ok")], fires: false),
        Case(name: "message equality", condition: "message == \"hi\"", events: [customer("hi")], fires: true),
        // A kept message is the turn's own; a customer event without text leaves its turn without one.
        Case(name: "kept message on the turn's bot event", condition: "message == \"hi\"", events: [customer("hi"), bot("ok")], fires: true),
        Case(name: "kept message after a turn without text", condition: "message == \"hi\"", events: [customer("hi"), Self.silent, bot("ok")], fires: false),
        Case(name: "no text: message missing", condition: "not (message == \"hi\")", events: [customer("hi"), Self.silent], fires: true),
        Case(name: "phrase after a turn without text", condition: "message contains [\"hi\"]", events: [customer("hi"), Self.silent, bot("ok")], fires: false),
        Case(name: "sentiment point", condition: "sentiment <= -0.5", events: [customer("s=-0.6 bad")], fires: true),
        Case(name: "constant folding", condition: "1 < 2 and intent == wismo", events: [customer(intent: "wismo")], fires: true),
    ]

    @Test(arguments: cases)
    func condition(_ testCase: Case) throws {
        let engine = try engine("rule r {\n  when \(testCase.condition)\n  then escalate reason \"x\"\n}\n")
        let decisions = run(engine, testCase.events)
        #expect((decisions.last?.outcome == .escalate) == testCase.fires)
    }

    @Test func templatesRenderValuesAndMissingAsEmpty() throws {
        let engine = try engine("""
        rule r {
          when api.orders.status exists
          then escalate queue "logistics" priority high
               reason "Order {metadata.order_id} is {api.orders.status} ({api.orders.http_status}); tier {metadata.tier}; cart {metadata.cart_value}"
               say "About {intent} at {confidence}: \\{ok\\} {tool.summary}"
        }

        """)
        let decisions = run(engine, [
            customer(intent: "wismo", confidence: 0.85, metadata: ["order_id": .string("A-17"), "cart_value": .number(42.5)]),
            bot(api: [APIResult(api: "orders", status: "shipped", httpStatus: 200)]),
        ])
        let decision = try #require(decisions.last)
        #expect(decision.reason == "Order A-17 is shipped (200); tier ; cart 42.5")
        #expect(decision.message == "About wismo at 0.85: {ok} ")
        #expect(decision.queue == "logistics")
        #expect(decision.urgency == "high")
    }

    /// `{message}` on a bot event reads the turn's customer message, and a
    /// customer event without text leaves its turn without one (not the last turn's).
    @Test func messagePlaceholderIsTheTurnsOwn() throws {
        let engine = try engine("rule r {\n  when api.orders.status exists\n  then escalate reason \"said: {message}\"\n}\n")
        let shipped = APIResult(api: "orders", status: "shipped", httpStatus: 200)
        let decisions = run(engine, [customer("where is it"), bot(api: [shipped]), Self.silent, bot(api: [shipped])])
        #expect(decisions.map(\.reason) == [nil, "said: where is it", nil, "said: "])
    }

    @Test("templates are sized exactly", arguments: [
        // Only a missing placeholder: an empty text.
        ("{metadata.order_id}", [String: Value](), ""),
        // Multi-byte UTF-8, and a value longer than any literal around it.
        ("Order {metadata.order_id}!", ["order_id": .string("Zürich 🚚 " + String(repeating: "x", count: 200))],
         "Order Zürich 🚚 " + String(repeating: "x", count: 200) + "!"),
        ("{metadata.cart_value}{metadata.tier}", ["cart_value": .number(-0.125), "tier": .string("gold")], "-0.125gold"),
    ])
    func templatesAreSizedExactly(template: String, metadata: [String: Value], expected: String) throws {
        let engine = try engine("rule r {\n  when turn_count >= 1\n  then escalate reason \"\(template)\"\n}\n")
        let decisions = run(engine, [customer(metadata: metadata)])
        #expect(decisions.last?.reason == expected)
    }

    @Test func toolSummaryRendersInReason() throws {
        let engine = try engine("rule self_escalation {\n  when tool_call escalate_to_human\n  then escalate reason \"{tool.summary}\"\n}\n")
        let decisions = run(engine, [customer(), bot(tools: [ToolCall(name: "escalate_to_human", arguments: ["summary": .string("Customer disputes charge")])])])
        #expect(decisions.last?.reason == "Customer disputes charge")
    }

    @Test func unknownIntentsAreCountedNotFatal() throws {
        let engine = try engine("rule r {\n  when intent == wismo\n  then escalate\n}\nrule seen_rule {\n  when turn_count >= 1\n  then tag \"seen\"\n}\n")
        let decisions = run(engine, [customer(intent: "teleport"), customer(intent: "teleport"), customer(intent: "wismo")])
        #expect(decisions.map(\.outcome) == [.continue, .continue, .escalate])
        #expect(decisions[0].tags == ["seen"])
        #expect(engine.unknownIntents == ["teleport": 2])
    }
}
