import BatonCore
import Foundation
import Yams

/// Reads decision test files (`docs/testing.md`). Every problem is reported
/// with file, line and column; a file with problems runs none of its tests.
enum TestFileDecoder {
    static let fileFields = ["name", "description", "tests"]
    static let caseFields = ["name", "description", "transcript", "errors", "expect"]
    static let checkFields = [
        "at", "outcome", "rule", "queue", "urgency", "reason_contains", "message_contains",
        "tags_include", "fired", "shadow_fired", "held_back", "held_back_by",
    ]
    static let expectationFields = checkFields + ["never", "never_fires"]

    static func decode(_ source: SourceFile, limits: TranscriptLimits = .default) -> Result<TestFile, TranscriptFailure> {
        var reader = YAMLReader(source: source, limits: limits)
        var file = TestFile(path: source.path, cases: [], source: source)
        let documents = YAMLTranscriptDecoder.parseDocuments(source, reader: &reader)
        if documents.isEmpty, !reader.hasErrors { reader.report(.empty, range: .empty) }
        for document in documents {
            var items: [Node] = []
            if let sequence = document.sequence {
                items = Array(sequence)
            } else if let mapping = reader.mapping(document, field: "test file") {
                reader.checkKeys(mapping, allowed: fileFields, context: "a test file")
                if let name = mapping["name"] { file.name = reader.text(name, field: "name") }
                guard let tests = mapping["tests"] else {
                    reader.report(.missingField("tests"), at: document)
                    continue
                }
                items = reader.list(tests, field: "tests") ?? []
            }
            for (index, item) in items.enumerated() {
                if let test = testCase(item, number: file.cases.count + index + 1, reader: &reader) {
                    file.cases.append(test)
                }
            }
        }
        if reader.hasErrors {
            return .failure(TranscriptFailure(path: source.path, diagnostics: reader.finished(), source: source))
        }
        return .success(file)
    }

    private static func testCase(_ node: Node, number: Int, reader: inout YAMLReader) -> TestCase? {
        guard let mapping = reader.mapping(node, field: "test") else { return nil }
        let conversationKeys = YAMLTranscriptDecoder.conversationFields.filter { $0 != "description" }
        reader.checkKeys(mapping, allowed: caseFields + conversationKeys, context: "a test")
        let name = mapping["name"].flatMap { reader.text($0, field: "name") } ?? "test \(number)"
        var test = TestCase(name: name, line: reader.line(of: node), conversation: nil, conversationErrors: [],
                            conversationSource: reader.source, expectedErrors: nil, expectations: [])
        if let errors = mapping["errors"], let count = reader.integer(errors, field: "errors") {
            if count < 0 {
                reader.report(.outOfRange(field: "errors", range: "0 or more", found: String(count)), at: errors)
            }
            test.expectedErrors = count
        }
        loadConversation(mapping, node: node, into: &test, reader: &reader)
        if let expect = mapping["expect"], let items = reader.list(expect, field: "expect", single: true) {
            for item in items {
                if let expectation = expectation(item, reader: &reader) { test.expectations.append(expectation) }
            }
        }
        if test.expectations.isEmpty, test.expectedErrors == nil {
            reader.report(.noExpectations, at: node, help: "add `expect:` or `errors:`")
        }
        return test
    }

    /// The conversation comes from `transcript: FILE` (relative to the test
    /// file) or from `session`/`metadata`/`turns` written in the test. Its
    /// problems are kept apart, because `errors: N` may expect them.
    private static func loadConversation(_ mapping: Node.Mapping, node: Node, into test: inout TestCase, reader: inout YAMLReader) {
        if let reference = mapping["transcript"] {
            guard let relative = reader.requiredText(reference, field: "transcript") else { return }
            let folder = (reader.source.path as NSString).deletingLastPathComponent
            let path = relative.hasPrefix("/") || folder.isEmpty ? relative : folder + "/" + relative
            switch TranscriptFiles.load(path, limits: reader.limits) {
            case .loaded(let transcripts): test.conversation = transcripts.first
            case .failed(let failure):
                test.conversationErrors = failure.diagnostics
                test.conversationSource = failure.source
            }
            return
        }
        guard let turns = mapping["turns"] else {
            reader.report(.missingField("turns"), at: node, help: "write the conversation under `turns:` or name a file with `transcript:`")
            return
        }
        var pairs: [(Node, Node)] = []
        for (key, value) in mapping where ["session", "session_id", "metadata", "turns"].contains(key.scalar?.string ?? "") {
            pairs.append((key, value))
        }
        var conversationReader = YAMLReader(source: reader.source, limits: reader.limits)
        let fallback = "test-\(test.line)"
        test.conversation = YAMLTranscriptDecoder.conversation(
            Node(pairs), fallbackSession: fallback, reader: &conversationReader, extraTurnFields: ["expect"]
        )
        test.conversationErrors = conversationReader.finished()
        if !test.conversationErrors.isEmpty { test.conversation = nil }
        // Expectations written on the turns themselves: `expect: escalate`
        // or `expect: {outcome: escalate, rule: fraud}`.
        for (index, item) in (turns.sequence.map(Array.init) ?? []).enumerated() {
            guard let expect = item.mapping?["expect"] else { continue }
            if expect.scalar != nil {
                guard let outcome = outcome(expect, reader: &reader) else { continue }
                test.expectations.append(Expectation(kind: .at([.number(index + 1)], TurnChecks(outcome: outcome)), line: reader.line(of: expect)))
            } else if let checksMapping = reader.mapping(expect, field: "expect") {
                reader.checkKeys(checksMapping, allowed: Array(checkFields.dropFirst()), context: "a turn's expectation")
                let checks = turnChecks(checksMapping, reader: &reader)
                test.expectations.append(Expectation(kind: .at([.number(index + 1)], checks), line: reader.line(of: expect)))
            }
        }
    }

    // MARK: Expectations

    private static func expectation(_ node: Node, reader: inout YAMLReader) -> Expectation? {
        guard let mapping = reader.mapping(node, field: "expect") else { return nil }
        let line = reader.line(of: node)
        let errorsBefore = reader.diagnostics.count
        for (key, _) in mapping {
            guard let name = key.scalar?.string, !expectationFields.contains(name) else { continue }
            let suggestion = Suggestions.closest(to: name, among: expectationFields)
            reader.report(.unknownExpectation(name), at: key, help: suggestion.map { "did you mean `\($0)`?" })
        }
        if let never = mapping["never"] {
            guard mapping.count == 1 else {
                reader.report(.wrongType(field: "never", expected: "on its own in an expectation", found: "other checks beside it"), at: node)
                return nil
            }
            return outcome(never, reader: &reader).map { Expectation(kind: .never($0), line: line) }
        }
        if let rule = mapping["never_fires"] {
            guard mapping.count == 1 else {
                reader.report(.wrongType(field: "never_fires", expected: "on its own in an expectation", found: "other checks beside it"), at: node)
                return nil
            }
            return reader.requiredText(rule, field: "never_fires").map { Expectation(kind: .neverFires($0), line: line) }
        }
        guard let at = mapping["at"] else {
            reader.report(.missingField("at"), at: node, help: "say which turn with `at: 3` (or `at: last`), or use `never:`")
            return nil
        }
        var selectors: [TurnSelector] = []
        for item in reader.list(at, field: "at", single: true) ?? [] {
            if item.scalar?.string == "last" {
                selectors.append(.last)
            } else if let number = reader.integer(item, field: "at") {
                if number < 1 {
                    reader.report(.outOfRange(field: "at", range: "a turn number from 1", found: String(number)), at: item)
                } else {
                    selectors.append(.number(number))
                }
            }
        }
        let checks = turnChecks(mapping, reader: &reader)
        if checks == TurnChecks(), reader.diagnostics.count == errorsBefore {
            reader.report(.noExpectations, at: node, help: "add a check such as `outcome: escalate`")
        }
        return Expectation(kind: .at(selectors, checks), line: line)
    }

    private static func turnChecks(_ mapping: Node.Mapping, reader: inout YAMLReader) -> TurnChecks {
        var checks = TurnChecks()
        if let node = mapping["outcome"] { checks.outcome = outcome(node, reader: &reader) }
        if let node = mapping["rule"], let name = reader.text(node, field: "rule") {
            checks.rule = .some(name == "none" ? nil : name)
        }
        if let node = mapping["queue"] { checks.queue = reader.text(node, field: "queue") }
        if let node = mapping["urgency"] { checks.urgency = reader.text(node, field: "urgency") }
        if let node = mapping["reason_contains"] { checks.reasonContains = reader.text(node, field: "reason_contains") }
        if let node = mapping["message_contains"] { checks.messageContains = reader.text(node, field: "message_contains") }
        checks.tagsInclude = names(mapping["tags_include"], field: "tags_include", reader: &reader)
        checks.fired = names(mapping["fired"], field: "fired", reader: &reader)
        checks.shadowFired = names(mapping["shadow_fired"], field: "shadow_fired", reader: &reader)
        checks.heldBack = names(mapping["held_back"], field: "held_back", reader: &reader)
        if let node = mapping["held_back_by"], let name = reader.text(node, field: "held_back_by") {
            if let parsed = GuardHold.Guard(rawValue: name) {
                checks.heldBackBy = parsed
            } else {
                reader.report(.unknownGuard(name), at: node, help: "use `cooldown` or `max_escalations`")
            }
        }
        return checks
    }

    /// A name or a list of names.
    private static func names(_ node: Node?, field: String, reader: inout YAMLReader) -> [String] {
        guard let node else { return [] }
        return (reader.list(node, field: field, single: true) ?? []).compactMap { reader.requiredText($0, field: field) }
    }

    static func outcome(_ node: Node, reader: inout YAMLReader) -> Decision.Outcome? {
        guard let text = reader.requiredText(node, field: "outcome") else { return nil }
        if let outcome = Decision.Outcome(rawValue: text) { return outcome }
        let names = ["continue", "offer_handoff", "escalate"]
        reader.report(.unknownOutcome(text), at: node, help: Suggestions.closest(to: text, among: names).map { "did you mean `\($0)`?" })
        return nil
    }
}
