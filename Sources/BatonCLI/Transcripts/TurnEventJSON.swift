import BatonCore

/// Maps a parsed JSON object to a `TurnEvent`, with the same keys and rules
/// as `TurnEvent`'s `Codable` form, and errors that name the field by its
/// path (`intents[0].confidence`) and show the value found there. Unknown
/// keys are ignored: JSON Lines files are written by programs, which may
/// add fields of their own.
enum TurnEventJSON {
    struct FieldError: Error {
        var message: TranscriptMessage
    }

    static func event(_ value: JSONValue) throws(FieldError) -> TurnEvent {
        guard case .object(let fields) = value else {
            throw FieldError(message: .jsonSyntax("each line must be a JSON object, found \(value.described)"))
        }
        var event = TurnEvent(sessionID: "", role: .customer)
        var sawRole = false
        for (key, field) in fields {
            switch key {
            case "session_id": event.sessionID = try string(field, "session_id") ?? ""
            case "role":
                guard let name = try string(field, "role") else { throw wrongType("role", "text", field) }
                guard let role = TurnEvent.Role(rawValue: name) else { throw FieldError(message: .unknownRole(name)) }
                event.role = role
                sawRole = true
            case "text": event.text = try string(field, "text")
            case "intents": event.intents = try list(field, "intents").enumerated().map { index, item throws(FieldError) in try intent(item, "intents[\(index)]") }
            case "api_results": event.apiResults = try list(field, "api_results").enumerated().map { index, item throws(FieldError) in try apiResult(item, "api_results[\(index)]") }
            case "tool_calls": event.toolCalls = try list(field, "tool_calls").enumerated().map { index, item throws(FieldError) in try toolCall(item, "tool_calls[\(index)]") }
            case "metadata": event.metadata = try values(field, "metadata")
            case "timestamp":
                if case .null = field { continue }
                guard case .number(let seconds) = field else { throw wrongType("timestamp", "a number", field) }
                event.timestamp = seconds
            case "hand_back": event.handBack = try bool(field, "hand_back")
            default: continue
            }
        }
        guard sawRole else { throw FieldError(message: .missingField("role")) }
        return event
    }

    private static func wrongType(_ field: String, _ expected: String, _ found: JSONValue) -> FieldError {
        FieldError(message: .wrongType(field: field, expected: expected, found: found.described))
    }

    /// Text, or nil for null.
    private static func string(_ value: JSONValue, _ field: String) throws(FieldError) -> String? {
        switch value {
        case .string(let text): return text
        case .null: return nil
        default: throw wrongType(field, "text", value)
        }
    }

    private static func bool(_ value: JSONValue, _ field: String) throws(FieldError) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .null: return false
        default: throw wrongType(field, "true or false", value)
        }
    }

    private static func list(_ value: JSONValue, _ field: String) throws(FieldError) -> [JSONValue] {
        switch value {
        case .array(let items): return items
        case .null: return []
        default: throw wrongType(field, "a list", value)
        }
    }

    private static func object(_ value: JSONValue, _ field: String) throws(FieldError) -> [(key: String, value: JSONValue)] {
        guard case .object(let fields) = value else { throw wrongType(field, "an object", value) }
        return fields
    }

    private static func intent(_ value: JSONValue, _ field: String) throws(FieldError) -> IntentScore {
        var name: String?
        var confidence = 1.0
        for (key, item) in try object(value, field) {
            switch key {
            case "name": name = try string(item, "\(field).name")
            case "confidence":
                if case .null = item { continue }
                guard case .number(let number) = item else { throw wrongType("\(field).confidence", "a number", item) }
                guard (0...1).contains(number) else {
                    throw FieldError(message: .outOfRange(field: "\(field).confidence", range: "a confidence from 0 to 1", found: item.described))
                }
                confidence = number
            default: continue
            }
        }
        guard let name else { throw FieldError(message: .missingField("\(field).name")) }
        return IntentScore(name: name, confidence: confidence)
    }

    private static func apiResult(_ value: JSONValue, _ field: String) throws(FieldError) -> APIResult {
        var result = APIResult(api: "")
        var sawAPI = false
        for (key, item) in try object(value, field) {
            switch key {
            case "api":
                guard let name = try string(item, "\(field).api") else { throw wrongType("\(field).api", "text", item) }
                result.api = name
                sawAPI = true
            case "status": result.status = try string(item, "\(field).status")
            case "error_code": result.errorCode = try string(item, "\(field).error_code")
            case "http_status":
                if case .null = item { continue }
                guard case .number(let number) = item, number == number.rounded() else {
                    throw wrongType("\(field).http_status", "a whole number", item)
                }
                guard (100...599).contains(number) else {
                    throw FieldError(message: .outOfRange(field: "\(field).http_status", range: "an HTTP status from 100 to 599", found: item.described))
                }
                result.httpStatus = Int(number)
            case "timed_out": result.timedOut = try bool(item, "\(field).timed_out")
            default: continue
            }
        }
        guard sawAPI else { throw FieldError(message: .missingField("\(field).api")) }
        return result
    }

    private static func toolCall(_ value: JSONValue, _ field: String) throws(FieldError) -> ToolCall {
        var call = ToolCall(name: "")
        var sawName = false
        for (key, item) in try object(value, field) {
            switch key {
            case "name":
                guard let name = try string(item, "\(field).name") else { throw wrongType("\(field).name", "text", item) }
                call.name = name
                sawName = true
            case "arguments": call.arguments = try values(item, "\(field).arguments")
            default: continue
            }
        }
        guard sawName else { throw FieldError(message: .missingField("\(field).name")) }
        return call
    }

    /// An object of metadata or argument values.
    private static func values(_ value: JSONValue, _ field: String) throws(FieldError) -> [String: Value] {
        if case .null = value { return [:] }
        var out: [String: Value] = [:]
        for (key, item) in try object(value, field) {
            out[key] = try runtimeValue(item, "\(field).\(key)")
        }
        return out
    }

    private static func runtimeValue(_ value: JSONValue, _ field: String) throws(FieldError) -> Value {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .array(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for (index, item) in items.enumerated() { out.append(try runtimeValue(item, "\(field)[\(index)]")) }
            return .list(out)
        case .object: throw wrongType(field, "a string, number, boolean, list or null", value)
        }
    }
}
