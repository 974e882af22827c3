import BatonCore
import BatonGraph

/// One conversation's memory, as the compiled rules need it and no more: a
/// value owned by the caller (store it with the conversation). Made by
/// `Evaluator.makeState()` for one graph; see `Evaluator.migrate` after a reload.
///
/// Histories live in one packed word buffer (see `StateLayout`): rings of
/// the last `H` turns' sentiment and confidence (Int16 fixed point), running
/// sums updated in O(1) per turn, and one bit history per tracked per-turn
/// condition. Metadata keeps only the fields the rules read. The current
/// turn's API results, tool calls and customer message are kept until the
/// next customer message, because bot events of the same turn add to them.
public struct SessionState: Sendable {
    /// Packed histories: rings, running sums, track bits, sticky bits.
    var words: [UInt64]
    /// Metadata values by `DecisionGraph.metadataFields` slot; `.null` is missing.
    var metadata: [Value]
    var turn = CurrentTurn()
    var turnCounter: UInt32 = 0
    var escalationCounter: UInt16 = 0
    /// Customer turns the cooldown still covers after the current one.
    var cooldownRemaining: UInt16 = 0
    var flags: Flags = []

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// The cooldown holds back the current turn.
        static let inCooldown = Flags(rawValue: 1 << 0)
        /// The current turn already counted an escalation.
        static let escalatedThisTurn = Flags(rawValue: 1 << 1)
        /// The state's fixed-rule bits say which turn-fixed rules fire this
        /// turn (`TurnFixedRules`); cleared when a turn opens and after a reload.
        static let fixedNoted = Flags(rawValue: 1 << 2)
    }

    init(words: Int, metadataFields: Int) {
        self.words = words == 0 ? [] : [UInt64](repeating: 0, count: words)
        self.metadata = metadataFields == 0 ? [] : [Value](repeating: .null, count: metadataFields)
    }

    /// Customer turns so far, counting the current one.
    public var turnCount: Int { Int(turnCounter) }
    /// Escalations in this session (what `max_escalations` counts; at most one per turn).
    public var escalations: Int { Int(escalationCounter) }
    /// The current turn's top intent when the schema does not declare it.
    public var unknownIntentName: String? {
        turn.intent == CurrentTurn.unknownIntent ? turn.unknownIntentName : nil
    }
    /// Whether the hand-back cooldown holds back the current turn.
    public var inCooldown: Bool { flags.contains(.inCooldown) }

    /// Bytes this state occupies: the inline value plus its heap buffers
    /// (array headers included; strings longer than 15 UTF-8 bytes count
    /// their heap bytes). Allocator rounding is not included: the words and
    /// metadata, which never grow, count their elements, as their capacity
    /// on Linux is the allocator's usable size, which varies with the heap's
    /// state from run to run.
    public var byteCount: Int {
        var total = MemoryLayout<SessionState>.size
        if !words.isEmpty { total += Self.arrayHeader + words.count * MemoryLayout<UInt64>.stride }
        if !metadata.isEmpty {
            total += Self.arrayHeader + metadata.count * MemoryLayout<Value>.stride
            for value in metadata { total += Self.heapBytes(of: value) }
        }
        total += turn.heapBytes
        return total
    }

    static let arrayHeader = 32

    static func heapBytes(of string: String?) -> Int {
        guard let string, string.utf8.count > 15 else { return 0 }
        return 32 + string.utf8.count
    }

    static func heapBytes(of value: Value) -> Int {
        switch value {
        case .string(let text): heapBytes(of: text)
        case .list(let values): arrayHeader + values.count * MemoryLayout<Value>.stride + values.reduce(0) { $0 + heapBytes(of: $1) }
        default: 0
        }
    }
}

/// Which phrase lists a turn's message has been scanned for.
enum PhraseScan: UInt8, Sendable {
    case notYet
    /// Those the turn's rules can read (`PhraseScans`).
    case turnLists
    case allLists
}

/// What the current turn has gathered so far.
struct CurrentTurn: Sendable {
    static let noIntent: UInt16 = .max
    static let unknownIntent: UInt16 = .max - 1
    static let notScored: Int16 = .min

    /// The top intent's id, `noIntent`, or `unknownIntent` (a name the schema lacks).
    var intent: UInt16 = noIntent
    /// Fixed-point confidence of the top intent; meaningful when there is an intent.
    var confidence: Int16 = 0
    /// Fixed-point sentiment, or `notScored`.
    var sentiment: Int16 = notScored
    /// Whether a customer message opened this turn (before the first one, signals are missing).
    var hasCustomerTurn = false
    /// Failure classes of any API call this turn (bits of `APIRecord.Flags`).
    var anyFailure: APIRecord.Flags = []
    /// Tools called this turn, by slot (slots ≥ 64 are in `moreTools`).
    var toolBits: UInt64 = 0
    var moreTools: [Int] = []
    /// Which phrase bits of this turn are computed (see `StateLayout.phraseOffset`).
    var phraseScan = PhraseScan.notYet
    /// The latest customer message, kept only when a test or template reads its text.
    var message: String?
    /// The name of an intent the schema lacks, for `{intent}`.
    var unknownIntentName: String?
    var toolSummary: String?
    /// The latest result of each API called this turn, in call order. Only
    /// called APIs take room: most turns call one API or none.
    var apis: [APIRecord] = []

    var heapBytes: Int {
        var total = SessionState.heapBytes(of: message) + SessionState.heapBytes(of: toolSummary)
            + SessionState.heapBytes(of: unknownIntentName)
        if apis.capacity > 0 {
            total += SessionState.arrayHeader + apis.capacity * MemoryLayout<APIRecord>.stride
            for record in apis { total += SessionState.heapBytes(of: record.status) + SessionState.heapBytes(of: record.errorCode) }
        }
        if !moreTools.isEmpty { total += SessionState.arrayHeader + moreTools.capacity * 8 }
        return total
    }

    /// The latest result of API `slot` this turn, if it was called.
    @inline(__always)
    func api(_ slot: Int) -> APIRecord? {
        for record in apis where Int(record.slot) == slot { return record }
        return nil
    }

    /// Keeps `record` as its API's latest result this turn. Consumed, so
    /// it moves into the list instead of being copied (its strings retained).
    mutating func keep(_ record: consuming APIRecord) {
        let slot = record.slot
        if let index = apis.firstIndex(where: { $0.slot == slot }) {
            apis[index] = record
        } else {
            apis.append(record)
        }
    }

    func toolCalled(_ slot: Int) -> Bool {
        slot < 64 ? toolBits & (1 << UInt64(slot)) != 0 : moreTools.contains(slot)
    }
}

/// One API's latest result in the current turn.
struct APIRecord: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let called = Flags(rawValue: 1 << 0)
        static let failed = Flags(rawValue: 1 << 1)
        static let clientError = Flags(rawValue: 1 << 2)
        static let serverError = Flags(rawValue: 1 << 3)
        static let timeout = Flags(rawValue: 1 << 4)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        init(_ result: APIResult) {
            var flags: Flags = [.called]
            if result.failed { flags.insert(.failed) }
            if let http = result.httpStatus {
                if (400..<500).contains(http) { flags.insert(.clientError) }
                if (500..<600).contains(http) { flags.insert(.serverError) }
            }
            if result.timedOut { flags.insert(.timeout) }
            self = flags
        }

        /// `matches(_:)` by `FailureClass.allCases` index.
        @inline(__always)
        func matches(code: UInt8) -> Bool {
            switch code {
            case 0: contains(.failed)
            case 1: contains(.clientError)
            case 2: contains(.serverError)
            default: contains(.timeout)
            }
        }

        func matches(_ failure: FailureClass) -> Bool {
            switch failure {
            case .any: contains(.failed)
            case .clientError: contains(.clientError)
            case .serverError: contains(.serverError)
            case .timeout: contains(.timeout)
            }
        }
    }

    var status: String?
    var errorCode: String?
    /// 0 when the result had no HTTP status.
    var httpStatus: Int16 = 0
    var flags: Flags = []
    /// The API's slot in `DecisionGraph.apis`.
    var slot: UInt16 = 0
}
