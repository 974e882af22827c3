/// One event in a conversation, as a bot sends it to Baton: a customer
/// message, a bot reply (with the API results and tool calls behind it) or
/// an operator message. Codable as JSON and YAML alike.
public struct TurnEvent: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case customer
        case bot
        case `operator`
    }

    public var sessionID: String
    public var role: Role
    public var text: String?
    /// NLU/LLM intents with confidences, any order; the top one is the highest.
    public var intents: [IntentScore]
    public var apiResults: [APIResult]
    public var toolCalls: [ToolCall]
    /// Session metadata as known at this turn (user id, order id, cart, tier, ...).
    /// Later events update it: a key sent again replaces the earlier value.
    public var metadata: [String: Value]
    /// Seconds since 1970, when the bot knows it.
    public var timestamp: Double?
    /// Set on the operator's event that hands the conversation back to the
    /// bot; starts the loop guard's cooldown.
    public var handBack: Bool

    public init(
        sessionID: String,
        role: Role,
        text: String? = nil,
        intents: [IntentScore] = [],
        apiResults: [APIResult] = [],
        toolCalls: [ToolCall] = [],
        metadata: [String: Value] = [:],
        timestamp: Double? = nil,
        handBack: Bool = false
    ) {
        self.sessionID = sessionID
        self.role = role
        self.text = text
        self.intents = intents
        self.apiResults = apiResults
        self.toolCalls = toolCalls
        self.metadata = metadata
        self.timestamp = timestamp
        self.handBack = handBack
    }

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id"
        case role, text, intents
        case apiResults = "api_results"
        case toolCalls = "tool_calls"
        case metadata, timestamp
        case handBack = "hand_back"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sessionID = try container.decodeIfPresent(String.self, forKey: .sessionID) ?? ""
        role = try container.decode(Role.self, forKey: .role)
        text = try container.decodeIfPresent(String.self, forKey: .text)
        intents = try container.decodeIfPresent([IntentScore].self, forKey: .intents) ?? []
        apiResults = try container.decodeIfPresent([APIResult].self, forKey: .apiResults) ?? []
        toolCalls = try container.decodeIfPresent([ToolCall].self, forKey: .toolCalls) ?? []
        metadata = try container.decodeIfPresent([String: Value].self, forKey: .metadata) ?? [:]
        timestamp = try container.decodeIfPresent(Double.self, forKey: .timestamp)
        handBack = try container.decodeIfPresent(Bool.self, forKey: .handBack) ?? false
    }

    /// The intent with the highest confidence (the first one on ties).
    public var topIntent: IntentScore? { topIntentIndex.map { intents[$0] } }

    /// Where `topIntent` is in `intents`: found without copying an intent.
    public var topIntentIndex: Int? {
        guard !intents.isEmpty else { return nil }
        var best = 0
        for index in intents.indices.dropFirst() where intents[index].confidence > intents[best].confidence { best = index }
        return best
    }
}

public struct IntentScore: Sendable, Hashable, Codable {
    public var name: String
    /// 0 to 1. Decoding rejects values outside that range or NaN.
    public var confidence: Double

    public init(name: String, confidence: Double) {
        self.name = name
        self.confidence = confidence
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        let value = try container.decodeIfPresent(Double.self, forKey: .confidence) ?? 1
        guard value.isFinite, (0...1).contains(value) else {
            throw DecodingError.dataCorruptedError(forKey: .confidence, in: container, debugDescription: "confidence must be a number from 0 to 1")
        }
        confidence = value
    }
}

/// What one API or tool call returned.
public struct APIResult: Sendable, Hashable, Codable {
    public var api: String
    public var status: String?
    /// An error code when the call failed (`E_TIMEOUT`, `card_declined`, ...).
    public var errorCode: String?
    public var httpStatus: Int?
    /// True when the call timed out.
    public var timedOut: Bool

    public init(api: String, status: String? = nil, errorCode: String? = nil, httpStatus: Int? = nil, timedOut: Bool = false) {
        self.api = api
        self.status = status
        self.errorCode = errorCode
        self.httpStatus = httpStatus
        self.timedOut = timedOut
    }

    enum CodingKeys: String, CodingKey {
        case api, status
        case errorCode = "error_code"
        case httpStatus = "http_status"
        case timedOut = "timed_out"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        api = try container.decode(String.self, forKey: .api)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        errorCode = try container.decodeIfPresent(String.self, forKey: .errorCode)
        httpStatus = try container.decodeIfPresent(Int.self, forKey: .httpStatus)
        timedOut = try container.decodeIfPresent(Bool.self, forKey: .timedOut) ?? false
    }

    /// A call failed when it timed out, returned an error code, or an HTTP status of 400 or more.
    public var failed: Bool {
        timedOut || errorCode != nil || (httpStatus ?? 0) >= 400
    }
}

/// A tool call the LLM made, with its arguments.
public struct ToolCall: Sendable, Hashable, Codable {
    public var name: String
    public var arguments: [String: Value]

    public init(name: String, arguments: [String: Value] = [:]) {
        self.name = name
        self.arguments = arguments
    }

    enum CodingKeys: String, CodingKey {
        case name, arguments
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        arguments = try container.decodeIfPresent([String: Value].self, forKey: .arguments) ?? [:]
    }
}
