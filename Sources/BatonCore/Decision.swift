/// What the engine decided for one turn, and why.
/// Unchecked `Sendable`: a decision's storage is written only while the
/// decision owns it alone (see `makeUnique`), so a shared one never changes.
public struct Decision: @unchecked Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable, Comparable {
        case `continue`
        case offerHandoff = "offer_handoff"
        case escalate

        @usableFromInline var rank: Int {
            switch self {
            case .continue: 0
            case .offerHandoff: 1
            case .escalate: 2
            }
        }

        @inlinable init(rank: Int) {
            self = rank == 2 ? .escalate : rank == 1 ? .offerHandoff : .continue
        }

        public static func < (lhs: Outcome, rhs: Outcome) -> Bool { lhs.rank < rhs.rank }
    }

    /// The fields and the four lists live in one object, copied on write:
    /// a decision crosses several calls on its way to the bot, and each copy
    /// of eleven separate fields retained (and later released) each of them.
    @usableFromInline var storage: Storage

    /// The storage's header, read and written in place (`Storage` is alive
    /// while the decision holds it, and its header never moves).
    @inlinable
    var header: UnsafeMutablePointer<Header> {
        storage.withUnsafeMutablePointerToHeader { $0 }
    }

    /// What the engine decided.
    public var outcome: Outcome {
        @inlinable get { header.pointee.outcome }
        _modify { makeUnique(); yield &header.pointee.outcome }
    }
    /// The rule that decided the turn; nil when no acting rule fired.
    public var rule: String? {
        @inlinable get { named(.rule) }
        _modify { makeNamed(); yield &header.pointee.naming!.rule }
    }
    public var queue: String? {
        @inlinable get { named(.queue) }
        _modify { makeNamed(); yield &header.pointee.naming!.queue }
    }
    /// Ticket urgency: `low`, `normal`, `high` or `urgent`.
    public var urgency: String? {
        @inlinable get { named(.urgency) }
        _modify { makeNamed(); yield &header.pointee.naming!.urgency }
    }
    /// The rendered reason template.
    public var reason: String? {
        @inlinable get { storage.text(.reason) }
        set { storage = storage.copy(reason: newValue, message: message) }
    }
    /// The rendered transition message for the customer.
    public var message: String? {
        @inlinable get { storage.text(.message) }
        set { storage = storage.copy(reason: reason, message: newValue) }
    }
    /// Conversation tags from every firing acting rule, sorted, no duplicates.
    public var tags: List<String> {
        @inlinable get { list(.tag) }
        set { setLists(tags: newValue) }
    }
    /// Every acting rule that fired, winner first, in conflict order.
    public var firedRules: List<String> {
        @inlinable get { list(.fired) }
        set { setLists(firedRules: newValue) }
    }
    /// Shadow rules that would have fired, with their would-be outcome.
    public var shadowRules: List<ShadowFiring> {
        @inlinable get { list(.shadow) }
        set { setLists(shadowRules: newValue) }
    }
    /// Rules that fired but were held back by a loop guard.
    public var heldBack: List<GuardHold> {
        @inlinable get { list(.held) }
        set { setLists(heldBack: newValue) }
    }
    /// Why: filled only when the caller asks for an explanation.
    public var trace: [RuleTrace]? {
        @inlinable get { header.pointee.trace }
        _modify { makeUnique(); yield &header.pointee.trace }
    }

    public init(
        outcome: Outcome,
        rule: String? = nil,
        queue: String? = nil,
        urgency: String? = nil,
        reason: String? = nil,
        message: String? = nil,
        tags: List<String> = [],
        firedRules: List<String> = [],
        shadowRules: List<ShadowFiring> = [],
        heldBack: List<GuardHold> = [],
        trace: [RuleTrace]? = nil
    ) {
        let listing = DecisionNameTable.listing(tags: tags, firedRules: firedRules, shadowRules: shadowRules, heldBack: heldBack)
        let naming = rule == nil && queue == nil && urgency == nil ? nil : Naming(rule: rule, queue: queue, urgency: urgency)
        self.init(
            outcome: outcome, winner: -1, naming: naming,
            reasonBytes: reason?.utf8.count ?? -1, messageBytes: message?.utf8.count ?? -1, trace: trace,
            table: listing.table, fired: firedRules.count, held: heldBack.count, shadow: shadowRules.count, tags: tags.count
        ) { codes, text in
            for (index, code) in listing.codes.enumerated() { codes[index] = code }
            Storage.write(reason, to: text)
            Storage.write(message, to: text + (reason?.utf8.count ?? 0))
        }
    }

    /// A decision whose lists are numbers into `table` (see `Header`) and
    /// whose reason and message are bytes after them: `fill` writes all
    /// `fired + held + shadow + tags` numbers, then the texts' bytes
    /// (`reasonBytes`, then `messageBytes`; -1 for none), so a decision is
    /// one allocation. The deciding rule is `winner`, a rule number into
    /// `table` (-1 for none), unless `naming` names it. Inlinable, so the
    /// engine's values move into the storage rather than being copied.
    @inlinable
    package init(
        outcome: Outcome, winner: Int32, naming: Naming?, reasonBytes: Int, messageBytes: Int,
        trace: [RuleTrace]?, table: consuming DecisionNameTable, fired: Int, held: Int, shadow: Int, tags: Int,
        fill: (UnsafeMutablePointer<Int32>, UnsafeMutableRawPointer) -> Void
    ) {
        let count = fired + held + shadow + tags
        // Most turns continue with nothing to report: they share one storage.
        if outcome == .continue, winner < 0, naming == nil, reasonBytes < 0, messageBytes < 0, count == 0, trace == nil {
            storage = Storage.proceed
            return
        }
        storage = Storage.make(
            count: count, heldStart: fired, shadowStart: fired + held, tagStart: fired + held + shadow,
            reasonBytes: reasonBytes, messageBytes: messageBytes)
        // Written through the header's address, so each value moves in
        // (a closure given to `create` could only copy them). Both addresses
        // are taken at once: taking the tail's in a call of its own retained
        // the storage around it.
        let (header, codes) = storage.withUnsafeMutablePointers { ($0, $1) }
        header.pointee.outcome = outcome
        header.pointee.winner = winner
        header.pointee.naming = naming
        header.pointee.trace = trace
        header.pointee.table = consume table
        fill(codes, UnsafeMutableRawPointer(codes + count))
    }

    public init(from decoder: any Decoder) throws {
        self.init(try Fields(from: decoder))
    }

    init(_ fields: Fields) {
        self.init(
            outcome: fields.outcome, rule: fields.rule, queue: fields.queue, urgency: fields.urgency, reason: fields.reason,
            message: fields.message, tags: fields.tags, firedRules: fields.firedRules, shadowRules: fields.shadowRules,
            heldBack: fields.heldBack, trace: fields.trace)
    }

    public func encode(to encoder: any Encoder) throws {
        try allFields.encode(to: encoder)
    }

    public static func == (lhs: Decision, rhs: Decision) -> Bool {
        lhs.storage === rhs.storage || lhs.allFields == rhs.allFields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(allFields)
    }

    /// Makes the storage this decision's alone before a write.
    @inlinable
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// One of the deciding rule's three strings: from `naming` when the
    /// decision has one, else by the winner's number from the table.
    @inlinable
    func named(_ field: Naming.Field) -> String? {
        let header = self.header
        if let naming = header.pointee.naming {
            return switch field {
            case .rule: naming.rule
            case .queue: naming.queue
            case .urgency: naming.urgency
            }
        }
        guard let table = header.pointee.table else { return nil }
        return table.winner(header.pointee.winner, field)
    }

    /// Makes the storage this decision's alone, its rule, queue and urgency
    /// held as strings, before one of them is written.
    @usableFromInline
    mutating func makeNamed() {
        makeUnique()
        if header.pointee.naming == nil { header.pointee.naming = Naming(rule: rule, queue: queue, urgency: urgency) }
    }

    /// The deciding rule's name, queue and urgency as strings: for a
    /// decision made from strings or changed by its caller. The engine's
    /// decisions name the winner by number instead (`Header.winner`), so
    /// making and dropping one retains and releases none of the three.
    @usableFromInline
    package struct Naming: Sendable {
        @usableFromInline var rule: String?
        @usableFromInline var queue: String?
        @usableFromInline var urgency: String?

        @usableFromInline enum Field: Sendable {
            case rule, queue, urgency
        }

        @inlinable package init(rule: String?, queue: String?, urgency: String?) {
            self.rule = rule
            self.queue = queue
            self.urgency = urgency
        }
    }

    /// One of the four lists; an empty one keeps no reference to the storage.
    @inlinable
    func list<Element>(_ kind: ListKind) -> List<Element> {
        let header = self.header
        let (lower, upper): (Int32, Int32) = switch kind {
        case .fired: (0, header.pointee.heldStart)
        case .held: (header.pointee.heldStart, header.pointee.shadowStart)
        case .shadow: (header.pointee.shadowStart, header.pointee.tagStart)
        case .tag: (header.pointee.tagStart, header.pointee.count)
        }
        return List(storage: lower == upper ? nil : storage, lower: lower, upper: upper, kind: kind)
    }

    /// Replaces some of the lists, numbering them all anew.
    mutating func setLists(
        tags: List<String>? = nil, firedRules: List<String>? = nil, shadowRules: List<ShadowFiring>? = nil,
        heldBack: List<GuardHold>? = nil
    ) {
        var all = allFields
        if let tags { all.tags = tags }
        if let firedRules { all.firedRules = firedRules }
        if let shadowRules { all.shadowRules = shadowRules }
        if let heldBack { all.heldBack = heldBack }
        self = Decision(all)
    }

    /// The fields as one value, for coding, comparing and hashing; the
    /// synthesised coding is the decision's JSON and YAML form.
    struct Fields: Sendable, Hashable, Codable {
        var outcome: Outcome
        var rule: String?
        var queue: String?
        var urgency: String?
        var reason: String?
        var message: String?
        var tags: List<String>
        var firedRules: List<String>
        var shadowRules: List<ShadowFiring>
        var heldBack: List<GuardHold>
        var trace: [RuleTrace]?
    }

    var allFields: Fields {
        Fields(
            outcome: outcome, rule: rule, queue: queue, urgency: urgency, reason: reason, message: message, tags: tags,
            firedRules: firedRules, shadowRules: shadowRules, heldBack: heldBack, trace: trace)
    }

    /// Which list a number of the storage's tail belongs to, and so how it is named.
    @usableFromInline
    enum ListKind: UInt8, Sendable {
        case fired, held, shadow, tag
    }

    /// The storage's header. The tail holds, in order, the numbers of the
    /// fired rules (rule number into `table`), the held-back rules (rule
    /// number << 1 | guard), the shadow rules (rule number << 2 | outcome)
    /// and the tags (tag number), then the UTF-8 bytes of the reason and of
    /// the message: the engine writes no strings and builds no arrays for a
    /// turn that fires a dozen rules, a rendered reason is written in place
    /// rather than allocated as a `String` of its own, and dropping the
    /// decision destroys no list elements one by one.
    @usableFromInline
    struct Header {
        @usableFromInline var outcome: Outcome = .continue
        /// The deciding rule, a rule number into `table`; -1 for none. Read
        /// only while `naming` is nil.
        @usableFromInline var winner: Int32 = -1
        @usableFromInline var naming: Naming?
        @usableFromInline var trace: [RuleTrace]?
        /// Names the numbers; nil only while a storage is being made.
        @usableFromInline var table: DecisionNameTable?
        @usableFromInline let count: Int32
        @usableFromInline let heldStart: Int32
        @usableFromInline let shadowStart: Int32
        @usableFromInline let tagStart: Int32
        /// The texts' lengths in bytes; -1 when the decision has none.
        @usableFromInline let reasonBytes: Int32
        @usableFromInline let messageBytes: Int32

        @inlinable
        init(count: Int32, heldStart: Int32, shadowStart: Int32, tagStart: Int32, reasonBytes: Int32, messageBytes: Int32) {
            self.count = count
            self.heldStart = heldStart
            self.shadowStart = shadowStart
            self.tagStart = tagStart
            self.reasonBytes = reasonBytes
            self.messageBytes = messageBytes
        }

        /// Tail elements the numbers and the texts take.
        @inlinable var capacity: Int {
            Int(count) + (Int(max(reasonBytes, 0)) + Int(max(messageBytes, 0)) + 3) / 4
        }
    }

    /// Which text of the tail.
    @usableFromInline
    enum TextKind: Sendable {
        case reason, message
    }

    @usableFromInline
    final class Storage: ManagedBuffer<Header, Int32> {
        /// A storage with room for `count` numbers and the texts' bytes, its fields empty.
        @inlinable
        static func make(
            count: Int, heldStart: Int, shadowStart: Int, tagStart: Int, reasonBytes: Int = -1, messageBytes: Int = -1
        ) -> Storage {
            let header = Header(
                count: Int32(count), heldStart: Int32(heldStart), shadowStart: Int32(shadowStart), tagStart: Int32(tagStart),
                reasonBytes: Int32(reasonBytes), messageBytes: Int32(messageBytes))
            let buffer = create(minimumCapacity: header.capacity) { _ in header }
            return unsafeDowncast(buffer, to: Storage.self)
        }

        @usableFromInline
        func copy() -> Storage {
            withUnsafeMutablePointers { header, tail in
                let capacity = header.pointee.capacity
                let copy = Self.create(minimumCapacity: capacity) { _ in header.pointee }
                copy.withUnsafeMutablePointerToElements { $0.initialize(from: tail, count: capacity) }
                return unsafeDowncast(copy, to: Storage.self)
            }
        }

        /// A copy with other texts: the fields and numbers as they are.
        @usableFromInline
        func copy(reason: String?, message: String?) -> Storage {
            withUnsafeMutablePointers { header, codes in
                let old = header.pointee
                let count = Int(old.count)
                let copy = Self.make(
                    count: count, heldStart: Int(old.heldStart), shadowStart: Int(old.shadowStart), tagStart: Int(old.tagStart),
                    reasonBytes: reason?.utf8.count ?? -1, messageBytes: message?.utf8.count ?? -1)
                copy.withUnsafeMutablePointers { newHeader, newCodes in
                    newHeader.pointee.outcome = old.outcome
                    newHeader.pointee.winner = old.winner
                    newHeader.pointee.naming = old.naming
                    newHeader.pointee.trace = old.trace
                    newHeader.pointee.table = old.table
                    newCodes.initialize(from: codes, count: count)
                    let text = UnsafeMutableRawPointer(newCodes + count)
                    Self.write(reason, to: text)
                    Self.write(message, to: text + (reason?.utf8.count ?? 0))
                }
                return copy
            }
        }

        /// The reason or the message, read from the tail's bytes.
        @inlinable
        func text(_ kind: TextKind) -> String? {
            withUnsafeMutablePointers { header, codes in
                let (offset, bytes) = switch kind {
                case .reason: (0, Int(header.pointee.reasonBytes))
                case .message: (Int(max(header.pointee.reasonBytes, 0)), Int(header.pointee.messageBytes))
                }
                guard bytes >= 0 else { return nil }
                let start = UnsafeRawPointer(codes + Int(header.pointee.count)) + offset
                return String(decoding: UnsafeRawBufferPointer(start: start, count: bytes), as: UTF8.self)
            }
        }

        /// Writes `text`'s UTF-8 bytes at `destination`.
        @usableFromInline
        static func write(_ text: String?, to destination: UnsafeMutableRawPointer) {
            guard let text else { return }
            text.withUTF8Bytes { bytes in
                if let base = bytes.baseAddress { destination.copyMemory(from: base, byteCount: bytes.count) }
            }
        }

        /// Shared by every decision with nothing to report; never written.
        @usableFromInline
        nonisolated(unsafe) static let proceed: Storage = {
            let storage = make(count: 0, heldStart: 0, shadowStart: 0, tagStart: 0)
            storage.withUnsafeMutablePointerToHeader { $0.pointee.table = .empty }
            return storage
        }()
    }

    public static let proceed = Decision(outcome: .continue)
}

public struct ShadowFiring: Sendable, Hashable, Codable {
    public var rule: String
    public var outcome: Decision.Outcome

    public init(rule: String, outcome: Decision.Outcome) {
        self.rule = rule
        self.outcome = outcome
    }
}

public struct GuardHold: Sendable, Hashable, Codable {
    public enum Guard: String, Sendable, Hashable, Codable {
        case cooldown
        case maxEscalations = "max_escalations"
    }

    public var rule: String
    public var guardName: Guard

    public init(rule: String, guardName: Guard) {
        self.rule = rule
        self.guardName = guardName
    }

    enum CodingKeys: String, CodingKey {
        case rule
        case guardName = "guard"
    }
}

/// One rule's evaluation, for explanations: whether it fired and the
/// conditions that decided it, each with the values that made it hold or fail.
public struct RuleTrace: Sendable, Hashable, Codable {
    public var rule: String
    public var fired: Bool
    public var shadow: Bool
    public var conditions: [ConditionTrace]

    public init(rule: String, fired: Bool, shadow: Bool, conditions: [ConditionTrace]) {
        self.rule = rule
        self.fired = fired
        self.shadow = shadow
        self.conditions = conditions
    }
}

public struct ConditionTrace: Sendable, Hashable, Codable {
    /// The condition as written in the rule file.
    public var source: String
    public var held: Bool
    /// Human-readable evidence: "avg sentiment over last 3 turns was -0.62, below -0.45".
    public var detail: String
    /// `path:line:col` of the condition.
    public var location: String

    public init(source: String, held: Bool, detail: String, location: String) {
        self.source = source
        self.held = held
        self.detail = detail
        self.location = location
    }
}
