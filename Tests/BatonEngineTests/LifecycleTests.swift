import Baton
import BatonCore
import BatonGraph
import BatonRuntime
import Foundation
import Testing

/// Reloads, session size and long sessions.
struct LifecycleTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func reloadSwapsRulesAndKeepsSessionsWorking() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rules.baton")
        try (testSchema + "rule a { when count(sentiment < -0.3, last 3) >= 2 then escalate reason \"old\" }\n").write(to: file, atomically: true, encoding: .utf8)
        let engine = try RuleEngine.load(paths: [folder.path], scorer: FakeScorer())
        var session = engine.makeSession(id: "s")
        _ = engine.evaluate(customer("s=-0.5 bad"), in: &session)

        try (testSchema + "rule a { when count(sentiment < -0.3, last 3) >= 2 then escalate reason \"new\" }\nrule b { when avg(sentiment, last 5) < 1 then tag \"b\" }\n").write(to: file, atomically: true, encoding: .utf8)
        try engine.reload(paths: [folder.path])
        #expect(engine.version == 2)
        // The old session moves to the new rules and keeps its history.
        let decision = engine.evaluate(customer("s=-0.5 worse"), in: &session)
        #expect(decision.reason == "new")
        #expect(decision.tags == ["b"])
        #expect(session.turnCount == 2)
    }

    @Test func aSessionMadeByAnotherEngineMovesToThisEnginesRules() throws {
        let first = try engine("rule a { when intent == wismo then escalate reason \"first\" }")
        let second = try engine("rule a { when intent == wismo then escalate reason \"second\" }\nrule b { when intent == wismo then tag \"b\" }")
        var session = first.makeSession(id: "s")
        #expect(first.evaluate(customer(intent: "wismo"), in: &session).reason == "first")
        let decision = second.evaluate(customer(intent: "wismo"), in: &session)
        #expect(decision.reason == "second")
        #expect(decision.tags == ["b"])
        #expect(session.turnCount == 2)
        // And back: the session follows whichever engine evaluates it.
        #expect(first.evaluate(customer(intent: "wismo"), in: &session).reason == "first")
    }

    @Test func concurrentReloadsEachCountOnce() async throws {
        let ruleSet = try checked("rule a { when intent == wismo then escalate reason \"x\" }")
        let engine = RuleEngine(ruleSet: ruleSet, scorer: FakeScorer())
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { engine.replace(with: ruleSet) } }
        }
        #expect(engine.version == 9)
        var session = engine.makeSession(id: "s")
        #expect(engine.evaluate(customer(intent: "wismo"), in: &session).reason == "x")
    }

    /// Sessions evaluated on several threads while the rules are swapped
    /// back and forth: every decision comes from one version or the other,
    /// and a session's next event after a swap sees the new version.
    @Test func evaluationsDuringReloadsSeeOneVersionOrTheOther() async throws {
        let first = try checked("rule a { when intent == wismo then escalate reason \"first\" }")
        let second = try checked("rule a { when intent == wismo then escalate reason \"second\" }")
        let engine = RuleEngine(ruleSet: first, scorer: FakeScorer())
        let reasons = await withTaskGroup(of: Set<String>.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var session = engine.makeSession(id: "s\(worker)")
                    var seen = Set<String>()
                    for _ in 0..<2_000 { seen.insert(engine.evaluate(customer(intent: "wismo"), in: &session).reason ?? "none") }
                    return seen
                }
            }
            group.addTask {
                for round in 0..<200 { engine.replace(with: round.isMultiple(of: 2) ? second : first) }
                return []
            }
            return await group.reduce(into: Set<String>()) { $0.formUnion($1) }
        }
        #expect(reasons.isSubset(of: ["first", "second"]))
        #expect(engine.version == 201)
        // Once the swapping stops, a session runs on the rules in service and follows the next swap.
        engine.replace(with: second)
        var session = engine.makeSession(id: "after")
        #expect(engine.evaluate(customer(intent: "wismo"), in: &session).reason == "second")
        engine.replace(with: first)
        #expect(engine.evaluate(customer(intent: "wismo"), in: &session).reason == "first")
    }

    @Test func aLoadErrorSaysWhenDiagnosticsAreLeftOut() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = (0..<250).map { "rule r\($0) { when intent == no_such_intent then escalate reason \"x\" }\n" }.joined()
        try (testSchema + rules).write(to: folder.appendingPathComponent("rules.baton"), atomically: true, encoding: .utf8)
        do {
            _ = try RuleEngine.load(paths: [folder.path], scorer: FakeScorer())
            Issue.record("a broken file was accepted")
        } catch {
            #expect(error.diagnostics.count == 200)
            #expect(error.notShown == 50)
            #expect(error.description.hasSuffix("\n(50 more not shown)"))
        }
    }

    @Test func aBrokenFileNeverReplacesWorkingRules() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rules.baton")
        try (testSchema + "rule a { when intent == wismo then escalate reason \"works\" }\n").write(to: file, atomically: true, encoding: .utf8)
        let engine = try RuleEngine.load(paths: [folder.path], scorer: FakeScorer())
        try (testSchema + "rule a { when intent == wsmo then escalate }\n").write(to: file, atomically: true, encoding: .utf8)
        do {
            try engine.reload(paths: [folder.path])
            Issue.record("a broken file was accepted")
        } catch {
            #expect(error.diagnostics.contains { $0.severity == .error && $0.path.hasSuffix("rules.baton") })
            #expect(error.description.contains("rules.baton:"))
            #expect(!error.sources.isEmpty)
        }
        #expect(engine.version == 1)
        #expect(run(engine, [customer(intent: "wismo")]).first?.reason == "works")
        #expect(throws: RuleLoadError.self) { try engine.reload(paths: [folder.path + "/missing"]) }
    }

    /// A realistic set whose largest window is 10 turns.
    static let windowTen = """
    let frustrated = avg(sentiment, last 3) <= -0.45 and trend(sentiment, last 4) < 0
    rule upset { when frustrated and not intent in [wismo] then offer_handoff reason "upset" }
    rule errors { when count(api_error, last 5) >= 2 then escalate queue "tech" reason "{api.orders.status}" }
    rule sad { when min(sentiment, last 10) < -0.9 or consecutive(sentiment < -0.3, last 10) >= 4 then escalate }
    rule human { when intent was [human_request] within last 10 or message contains ["agent", "real person"] then escalate }
    rule big { when metadata.cart_value >= 500 and intent == payment_dispute then escalate reason "{metadata.order_id}" }

    """

    @Test func sessionStateIsAtMost512BytesForWindowTen() throws {
        let engine = try engine(Self.windowTen)
        #expect(engine.graph.largestWindow == 10)
        var session = engine.makeSession(id: "s")
        for turn in 0..<30 {
            _ = engine.evaluate(customer("s=-0.2 where is my parcel", intent: "wismo", metadata: ["order_id": .string("A-\(turn)"), "cart_value": .number(120)]), in: &session)
            _ = engine.evaluate(bot(api: [APIResult(api: "orders", status: "shipped", httpStatus: 200)]), in: &session)
        }
        #expect(session.stateByteCount <= 512, "state is \(session.stateByteCount) bytes")
    }

    @Test func aHundredThousandTurnSessionStaysExact() throws {
        let engine = try engine("""
        rule low { when avg(sentiment, last 3) <= -0.5 and trend(sentiment, last 4) < 0 then escalate reason "low" }
        rule count_low { when count(sentiment < -0.3, last 10) >= 10 then offer_handoff reason "many" }

        """)
        var session = engine.makeSession(id: "s")
        let cycle = [0.3, -0.1, -0.7, -0.8, -0.9, 0.5]
        var history: [Double] = []
        var mismatches = 0
        for turn in 0..<100_000 {
            let value = cycle[turn % cycle.count]
            history.append(value)
            let decision = engine.evaluate(customer("s=\(value) x"), in: &session)
            // A naive reference over the whole history: the running sums must agree on every turn.
            let expected = Self.naiveAverage(history.suffix(3)) <= -0.5 + 1e-9 && Self.naiveSlope(history.suffix(4)) < 0
            if (decision.outcome == .escalate) != expected { mismatches += 1 }
        }
        #expect(session.turnCount == 100_000)
        #expect(mismatches == 0)
        var check = session
        let trace = engine.evaluate(customer("s=-0.4 x"), in: &check, explain: true).trace ?? []
        #expect(!trace.flatMap(\.conditions).contains { $0.detail.contains("nan") || $0.detail.contains("inf") })
    }

    static func naiveAverage(_ values: ArraySlice<Double>) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    static func naiveSlope(_ values: ArraySlice<Double>) -> Double {
        let n = Double(values.count)
        guard values.count >= 2 else { return 0 }
        let xs = (0..<values.count).map(Double.init)
        let meanX = xs.reduce(0, +) / n
        let meanY = values.reduce(0, +) / n
        var numerator = 0.0
        var denominator = 0.0
        for (x, y) in zip(xs, values) {
            numerator += (x - meanX) * (y - meanY)
            denominator += (x - meanX) * (x - meanX)
        }
        return numerator / denominator
    }

    @Test func nanScoresAndConfidencesStayFinite() throws {
        final class NaNScorer: SentimentScoring {
            func scores(_ text: String) -> SentimentScores { SentimentScores(neg: .nan, neu: .nan, pos: .nan, compound: .nan) }
        }
        let engine = RuleEngine(ruleSet: try checked("rule r { when avg(sentiment, last 3) == 0 and avg(confidence, last 3) == 0 then escalate }\n"), scorer: NaNScorer())
        var event = customer("x")
        event.intents = [IntentScore(name: "wismo", confidence: .nan)]
        #expect(run(engine, [event, event]).last?.outcome == .escalate)
    }
}
