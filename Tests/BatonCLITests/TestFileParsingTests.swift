import BatonCore
import Testing
@testable import BatonCLI

/// Reading decision test files.
@Suite struct TestFileParsingTests {
    @Test func expectationsAtTurnsOnTurnsAndOverTheConversation() throws {
        let source = SourceFile(path: "t.yaml", text: """
        name: sample
        tests:
          - name: first
            metadata: {order_id: A-1}
            turns:
              - customer: charged twice
                intents: {double_charge: 0.9}
                expect: escalate
              - bot: sorry
                expect: {rule: payment_dispute, tags_include: payments}
            expect:
              - at: [1, last]
                outcome: escalate
                rule: payment_dispute
                queue: billing
                urgency: high
                reason_contains: A-1
                message_contains: billing
                fired: [payment_dispute]
                shadow_fired: trial
                held_back: [asks_for_human]
                held_back_by: cooldown
              - never: offer_handoff
              - never_fires: fraud
              - {at: 2, rule: none}
          - name: second
            transcript: ../x.yaml
            errors: 2
        """)
        let file = try TestFileDecoder.decode(source).get()
        #expect(file.name == "sample")
        try #require(file.cases.count == 2)
        let first = file.cases[0]
        #expect(first.name == "first")
        #expect(first.line == 3)
        #expect(first.conversation?.events.count == 2)
        #expect(first.conversation?.events[0].metadata["order_id"] == .string("A-1"))
        try #require(first.expectations.count == 6)
        guard case .at(let selectors, let checks) = first.expectations[2].kind else {
            Issue.record("expected an `at` expectation")
            return
        }
        #expect(selectors == [.number(1), .last])
        #expect(checks.outcome == .escalate)
        #expect(checks.rule == .some("payment_dispute"))
        #expect(checks.queue == "billing" && checks.urgency == "high")
        #expect(checks.reasonContains == "A-1" && checks.messageContains == "billing")
        #expect(checks.fired == ["payment_dispute"] && checks.shadowFired == ["trial"])
        #expect(checks.heldBack == ["asks_for_human"] && checks.heldBackBy == .cooldown)
        // Inline expectations come first, in turn order.
        guard case .at(let inlineSelectors, let inlineChecks) = first.expectations[0].kind else {
            Issue.record("expected an inline expectation")
            return
        }
        #expect(inlineSelectors == [.number(1)] && inlineChecks.outcome == .escalate)
        guard case .never(.offerHandoff) = first.expectations[3].kind else {
            Issue.record("expected `never: offer_handoff`")
            return
        }
        guard case .neverFires("fraud") = first.expectations[4].kind else {
            Issue.record("expected `never_fires: fraud`")
            return
        }
        guard case .at(_, let none) = first.expectations[5].kind else { return }
        #expect(none.rule == .some(nil))
        let second = file.cases[1]
        #expect(second.expectedErrors == 2)
        #expect(second.conversation == nil)
        #expect(second.conversationErrors.map(\.code) == ["E0300"])
    }

    @Test func malformedTestFilesReportEveryProblem() throws {
        let source = try CLIFixtures.source("tests/malformed.yaml")
        guard case .failure(let failure) = TestFileDecoder.decode(source) else {
            Issue.record("malformed.yaml loaded")
            return
        }
        CLIFixtures.expectGolden(FailureText.render([failure], colorize: false), "tests/malformed.yaml.errors")
    }
}
