import BatonCore
import Foundation
import Yams

/// Decodes one turn of a YAML conversation. Two spellings are accepted and
/// may be mixed:
///
/// - the friendly one: `customer: "text"` (or `bot:` / `operator:`), with
///   `intents: {wismo: 0.9}`, `api: {orders: shipped}` and
///   `tools: {escalate_to_human: {summary: "..."}}`;
/// - the plain `TurnEvent` one: `role`, `text`, `intents: [{name, confidence}]`,
///   `api_results: [{api, status, ...}]`, `tool_calls: [{name, arguments}]`.
///
/// `docs/testing.md` documents every form.
struct YAMLTurnDecoder {
    /// Keys a turn may carry; callers add their own (a test file's `expect`).
    static let fields = [
        "customer", "bot", "operator", "role", "text", "intents", "api", "api_results",
        "tools", "tool_calls", "metadata", "timestamp", "hand_back", "session_id",
    ]

    /// Decodes `node` as a turn of session `sessionID`; nil after reporting
    /// errors into `reader`.
    static func decode(_ node: Node, sessionID: String, reader: inout YAMLReader, extraFields: [String] = []) -> TurnEvent? {
        guard let mapping = reader.mapping(node, field: "turn") else { return nil }
        let errorsBefore = reader.diagnostics.count + reader.dropped
        reader.checkKeys(mapping, allowed: fields + extraFields, context: "a turn")

        var event = TurnEvent(sessionID: sessionID, role: .customer)
        var role: (name: String, node: Node)?
        for (key, keyNode, value) in reader.entries(mapping, field: "turn") {
            switch key {
            case "customer", "bot", "operator":
                if let previous = role {
                    reader.report(.conflictingRoles(previous.name, key), at: keyNode)
                }
                role = (key, keyNode)
                event.text = reader.text(value, field: key)
            case "role":
                guard let name = reader.requiredText(value, field: "role") else { continue }
                if let previous = role {
                    reader.report(.conflictingRoles(previous.name, name), at: keyNode)
                }
                role = (name, value)
            case "text": event.text = reader.text(value, field: "text")
            case "intents": event.intents = intents(value, reader: &reader)
            case "api", "api_results": event.apiResults += apiResults(value, field: key, reader: &reader)
            case "tools", "tool_calls": event.toolCalls += toolCalls(value, field: key, reader: &reader)
            case "metadata": event.metadata = metadata(value, field: "metadata", reader: &reader)
            case "timestamp": event.timestamp = timestamp(value, reader: &reader)
            case "hand_back": event.handBack = reader.bool(value, field: "hand_back") ?? false
            default: break  // `session_id` is the transcript's; extra fields are the caller's.
            }
        }
        if let role {
            if let parsed = TurnEvent.Role(rawValue: role.name) {
                event.role = parsed
            } else {
                let suggestion = Suggestions.closest(to: role.name, among: TurnEvent.Role.allCases.map(\.rawValue))
                reader.report(.unknownRole(role.name), at: role.node, help: suggestion.map { "did you mean `\($0)`?" })
            }
        } else {
            reader.report(.missingField("customer`, `bot`, `operator` or `role"), at: node,
                          help: "start a turn with `- customer: \"text\"`")
        }
        return reader.diagnostics.count + reader.dropped == errorsBefore ? event : nil
    }

    // MARK: Intents

    /// `{wismo: 0.9}`, `[wismo, sizing]`, `[{name: wismo, confidence: 0.9}]` or `wismo`.
    static func intents(_ node: Node, reader: inout YAMLReader) -> [IntentScore] {
        if let mapping = node.mapping {
            return reader.entries(mapping, field: "intents").compactMap { name, _, value in
                intent(name: name, confidence: value, reader: &reader)
            }
        }
        guard let items = reader.list(node, field: "intents", single: true) else { return [] }
        var out: [IntentScore] = []
        for item in items {
            if item.scalar != nil {
                if let name = reader.requiredText(item, field: "intents") { out.append(IntentScore(name: name, confidence: 1)) }
            } else if let mapping = reader.mapping(item, field: "intents") {
                if mapping["name"] != nil {
                    reader.checkKeys(mapping, allowed: ["name", "confidence"], context: "an intent")
                    guard let name = mapping["name"].flatMap({ reader.requiredText($0, field: "intents.name") }) else { continue }
                    if let score = intent(name: name, confidence: mapping["confidence"], reader: &reader) { out.append(score) }
                } else {
                    // `- wismo: 0.9` inside a list.
                    for (name, _, value) in reader.entries(mapping, field: "intents") {
                        if let score = intent(name: name, confidence: value, reader: &reader) { out.append(score) }
                    }
                }
            }
        }
        return out
    }

    /// A confidence is a number from 0 to 1; when omitted (or null) it is 1.
    private static func intent(name: String, confidence node: Node?, reader: inout YAMLReader) -> IntentScore? {
        guard let node, !(node.scalar != nil && node.tagName == .null) else {
            return IntentScore(name: name, confidence: 1)
        }
        let field = "intents.\(name)"
        guard let value = reader.number(node, field: field) else { return nil }
        guard value.isFinite, (0...1).contains(value) else {
            reader.report(.outOfRange(field: field, range: "a confidence from 0 to 1", found: node.scalar?.string ?? "?"), at: node)
            return nil
        }
        return IntentScore(name: name, confidence: value)
    }

    // MARK: API results

    static let apiFields = ["api", "status", "error_code", "http_status", "timed_out"]

    /// `{orders: shipped}`, `{orders: {status: ..., http_status: 503}}` or
    /// `[{api: orders, status: ...}]`.
    static func apiResults(_ node: Node, field: String, reader: inout YAMLReader) -> [APIResult] {
        if let mapping = node.mapping, mapping["api"] == nil {
            var out: [APIResult] = []
            for (name, _, value) in reader.entries(mapping, field: field) {
                if value.scalar != nil {
                    guard let status = reader.text(value, field: "\(field).\(name)") else { continue }
                    out.append(APIResult(api: name, status: status))
                } else if let result = apiResult(value, name: name, field: "\(field).\(name)", reader: &reader) {
                    out.append(result)
                }
            }
            return out
        }
        guard let items = reader.list(node, field: field, single: true) else { return [] }
        return items.compactMap { apiResult($0, name: nil, field: field, reader: &reader) }
    }

    private static func apiResult(_ node: Node, name: String?, field: String, reader: inout YAMLReader) -> APIResult? {
        guard let mapping = reader.mapping(node, field: field) else { return nil }
        reader.checkKeys(mapping, allowed: name == nil ? apiFields : Array(apiFields.dropFirst()), context: "an API result")
        var result = APIResult(api: name ?? "")
        if name == nil {
            guard let apiNode = mapping["api"] else {
                reader.report(.missingField("\(field).api"), at: node)
                return nil
            }
            guard let api = reader.requiredText(apiNode, field: "\(field).api") else { return nil }
            result.api = api
        }
        if let status = mapping["status"] { result.status = reader.text(status, field: "\(field).status") }
        if let code = mapping["error_code"] { result.errorCode = reader.text(code, field: "\(field).error_code") }
        if let http = mapping["http_status"], let value = reader.integer(http, field: "\(field).http_status") {
            if (100...599).contains(value) {
                result.httpStatus = value
            } else {
                reader.report(.outOfRange(field: "\(field).http_status", range: "an HTTP status from 100 to 599", found: String(value)), at: http)
            }
        }
        if let timedOut = mapping["timed_out"] { result.timedOut = reader.bool(timedOut, field: "\(field).timed_out") ?? false }
        return result
    }

    // MARK: Tool calls

    /// `{escalate_to_human: {summary: "..."}}`, `[lookup_order]` or
    /// `[{name: escalate_to_human, arguments: {summary: "..."}}]`.
    static func toolCalls(_ node: Node, field: String, reader: inout YAMLReader) -> [ToolCall] {
        if let mapping = node.mapping, mapping["name"] == nil {
            return reader.entries(mapping, field: field).compactMap { name, _, value in
                if value.scalar != nil, value.tagName == .null { return ToolCall(name: name) }
                return ToolCall(name: name, arguments: metadata(value, field: "\(field).\(name)", reader: &reader))
            }
        }
        guard let items = reader.list(node, field: field, single: true) else { return [] }
        var out: [ToolCall] = []
        for item in items {
            if item.scalar != nil {
                if let name = reader.requiredText(item, field: field) { out.append(ToolCall(name: name)) }
                continue
            }
            guard let mapping = reader.mapping(item, field: field) else { continue }
            reader.checkKeys(mapping, allowed: ["name", "arguments"], context: "a tool call")
            guard let nameNode = mapping["name"] else {
                reader.report(.missingField("\(field).name"), at: item)
                continue
            }
            guard let name = reader.requiredText(nameNode, field: "\(field).name") else { continue }
            let arguments = mapping["arguments"].map { metadata($0, field: "\(field).\(name).arguments", reader: &reader) } ?? [:]
            out.append(ToolCall(name: name, arguments: arguments))
        }
        return out
    }

    // MARK: Metadata and time

    /// A mapping of names to values (also used for tool arguments).
    static func metadata(_ node: Node, field: String, reader: inout YAMLReader) -> [String: Value] {
        if node.scalar != nil, node.tagName == .null { return [:] }
        guard let mapping = reader.mapping(node, field: field) else { return [:] }
        var out: [String: Value] = [:]
        for (key, _, value) in reader.entries(mapping, field: field) {
            if let decoded = reader.value(value, field: "\(field).\(key)") { out[key] = decoded }
        }
        return out
    }

    /// Seconds since 1970, or a YAML timestamp such as `2024-05-01T10:00:00Z`.
    static func timestamp(_ node: Node, reader: inout YAMLReader) -> Double? {
        if node.scalar != nil, node.tagName == .timestamp || node.tagName == .str, let date = node.timestamp {
            return date.timeIntervalSince1970
        }
        guard let value = reader.number(node, field: "timestamp") else { return nil }
        guard value.isFinite else {
            reader.report(.outOfRange(field: "timestamp", range: "a finite number", found: node.scalar?.string ?? "?"), at: node)
            return nil
        }
        return value
    }
}
