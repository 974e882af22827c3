import BatonCore
import Foundation
import Testing
@testable import BatonCLI

/// Reading transcripts: every friendly and plain form, and golden error
/// reports (file, line, column, field) for malformed input.
@Suite struct TranscriptLoadingTests {
    @Test(arguments: [
        "bad-syntax.yaml", "wrong-types.yaml", "missing-fields.yaml", "nan-confidence.yaml",
        "unknown-fields.yaml", "no-turns.yaml", "bad-lines.jsonl",
    ])
    func malformedFilesReportEveryProblem(_ name: String) throws {
        let source = try CLIFixtures.source("transcripts/\(name)")
        guard case .failed(let failure) = TranscriptFiles.decode(source) else {
            Issue.record("\(name) loaded without errors")
            return
        }
        CLIFixtures.expectGolden(FailureText.render([failure], colorize: false), "transcripts/\(name).errors")
    }

    @Test func friendlyAndPlainFormsDecodeToTurnEvents() throws {
        let source = try CLIFixtures.source("transcripts/good-friendly.yaml")
        guard case .loaded(let transcripts) = TranscriptFiles.decode(source) else {
            Issue.record("good-friendly.yaml failed to load")
            return
        }
        try #require(transcripts.count == 2)
        let first = transcripts[0]
        #expect(first.sessionID == "good-friendly")
        #expect(first.events.count == 5)
        #expect(first.lines == [6, 9, 17, 20, 23])
        #expect(first.events.allSatisfy { $0.sessionID == "good-friendly" })
        // Conversation metadata joins the first event.
        #expect(first.events[0].metadata["cart_value"] == .number(1200))
        #expect(first.events[0].metadata["cart_skus"] == .list([.string("A"), .string("B")]))
        #expect(first.events[0].intents == [IntentScore(name: "greeting", confidence: 0.9), IntentScore(name: "wismo", confidence: 0.2)])
        #expect(first.events[0].timestamp == 1_714_636_800)
        let bot = first.events[1]
        #expect(bot.role == .bot)
        #expect(bot.apiResults == [
            APIResult(api: "orders", status: "shipped"),
            APIResult(api: "payments", errorCode: "declined", httpStatus: 502),
            APIResult(api: "shipping", timedOut: true),
        ])
        #expect(bot.toolCalls.map(\.name) == ["lookup_order", "escalate_to_human"])
        #expect(bot.toolCalls[1].arguments["summary"] == .string("needs a person"))
        #expect(first.events[2].intents.map(\.name) == ["wismo", "sizing", "refund_request"])
        #expect(first.events[2].intents[0].confidence == 1)
        #expect(first.events[2].metadata == ["order_id": .string("A-2")])
        #expect(first.events[3].role == .operator && first.events[3].handBack)
        #expect(first.events[3].timestamp == 1_714_636_800)  // 2024-05-02T08:00:00Z
        #expect(first.events[4].toolCalls.map(\.name) == ["lookup_order", "issue_refund"])
        #expect(transcripts[1].sessionID == "second-doc")
        #expect(transcripts[1].events.map(\.role) == [.customer, .bot])
    }

    @Test func jsonLinesGroupEventsBySession() throws {
        let source = try CLIFixtures.source("transcripts/multi-session.jsonl")
        guard case .loaded(let transcripts) = TranscriptFiles.decode(source) else {
            Issue.record("multi-session.jsonl failed to load")
            return
        }
        #expect(transcripts.map(\.sessionID) == ["a", "b", "multi-session"])
        #expect(transcripts[0].events.map(\.text) == ["one", "three"])
        #expect(transcripts[0].lines == [1, 3])
    }

    @Test func aConversationLongerThanTheLimitIsReportedAtTheFirstExtraTurn() throws {
        // 100,000 events for one session: a bot loop or a broken export.
        var text = ""
        for index in 0..<100_000 { text += #"{"session_id":"loop","role":"customer","text":"again \#(index)"}"# + "\n" }
        let source = SourceFile(path: "loop.jsonl", text: text)
        guard case .failed(let failure) = TranscriptFiles.decode(source) else {
            Issue.record("a 100,000-turn conversation loaded")
            return
        }
        #expect(failure.diagnostics.count == 1)
        #expect(failure.diagnostics[0].code == "E0308")
        #expect(source.location(of: failure.diagnostics[0].range.start).line == 10_001)

        var limits = TranscriptLimits.default
        limits.maxEventsPerTranscript = 100_000
        guard case .loaded(let transcripts) = TranscriptFiles.decode(source, limits: limits) else {
            Issue.record("a raised limit still failed")
            return
        }
        #expect(transcripts[0].events.count == 100_000)
    }

    @Test func yamlLimitAppliesToo() {
        let turns = (1...6).map { "  - customer: turn \($0)\n" }.joined()
        var limits = TranscriptLimits.default
        limits.maxEventsPerTranscript = 5
        guard case .failed(let failure) = TranscriptFiles.decode(SourceFile(path: "long.yaml", text: "turns:\n" + turns), limits: limits) else {
            Issue.record("the limit was not applied")
            return
        }
        #expect(failure.diagnostics.map(\.code) == ["E0308"])
    }

    @Test func aliasBombsAreBounded() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...6 { yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "turns:\n  - customer: hi\n    metadata: {cart_skus: *a6}\n"
        guard case .failed(let failure) = TranscriptFiles.decode(SourceFile(path: "bomb.yaml", text: yaml)) else {
            Issue.record("an alias bomb loaded")
            return
        }
        #expect(failure.diagnostics.contains { $0.code == "E0310" })
    }

    @Test func missingPathsAndEmptyFoldersAreFailuresNotCrashes() {
        let (files, failures) = TranscriptFiles.discover(["/no/such/place", CLIFixtures.path("diff")])
        #expect(files.map(CLIFixtures.relativize) == ["Tests/BatonCLITests/Fixtures/diff/corpus/chats.yaml"])
        #expect(failures.map(\.path) == ["/no/such/place"])
    }
}
