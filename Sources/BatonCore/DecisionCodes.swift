/// The names a rule set's decisions can report, built once per loaded rule
/// set and shared by every decision the engine makes with it.
@usableFromInline
package final class DecisionNameTable: Sendable {
    /// Rule number → rule name.
    @usableFromInline package let rules: [String]
    /// Tag number → tag (for the engine's table: ascending, so sorted numbers are sorted tags).
    @usableFromInline package let tags: [String]

    package init(rules: [String], tags: [String]) {
        self.rules = rules
        self.tags = tags
    }
}

/// A decision's four lists as numbers into a `DecisionNameTable`, back to
/// back in one object's tail. The engine then makes one object and no
/// strings for a turn that fires a dozen rules, and dropping the decision
/// frees it without destroying elements one by one. Lists given to
/// `Decision`'s initialiser are numbered into a table of their own.
///
/// The numbers are, in order: the fired rules (rule number), the held-back
/// rules (rule number << 1 | guard), the shadow rules (rule number << 2 |
/// outcome) and the tags (tag number). Unchecked `Sendable`: the buffer is
/// never written after `make` returns.
@usableFromInline
package struct DecisionCodes: @unchecked Sendable {
    @usableFromInline
    struct Header {
        @usableFromInline let table: DecisionNameTable
        @usableFromInline let count: Int32
        @usableFromInline let heldStart: Int32
        @usableFromInline let shadowStart: Int32
        @usableFromInline let tagStart: Int32
    }

    @usableFromInline
    final class Buffer: ManagedBuffer<Header, Int32> {}

    @usableFromInline let buffer: Buffer

    private init(_ buffer: Buffer) {
        self.buffer = buffer
    }

    /// `fill` writes all `fired + held + shadow + tags` numbers.
    package static func make(
        table: DecisionNameTable, fired: Int, held: Int, shadow: Int, tags: Int,
        fill: (UnsafeMutablePointer<Int32>) -> Void
    ) -> DecisionCodes {
        let listed = fired + held + shadow
        let buffer = Buffer.create(minimumCapacity: listed + tags) { _ in
            Header(
                table: table, count: Int32(listed + tags), heldStart: Int32(fired), shadowStart: Int32(fired + held),
                tagStart: Int32(listed))
        }
        let codes = unsafeDowncast(buffer, to: Buffer.self)
        codes.withUnsafeMutablePointerToElements(fill)
        return DecisionCodes(codes)
    }

    package static func make(table: DecisionNameTable, codes: [Int32], fired: Int, held: Int, shadow: Int) -> DecisionCodes {
        make(table: table, fired: fired, held: held, shadow: shadow, tags: codes.count - fired - held - shadow) { elements in
            for (index, code) in codes.enumerated() { elements[index] = code }
        }
    }

    /// Lists given by name, numbered into a table of their own.
    @usableFromInline
    static func listing(
        tags: Decision.List<String>, firedRules: Decision.List<String>, shadowRules: Decision.List<ShadowFiring>,
        heldBack: Decision.List<GuardHold>
    ) -> DecisionCodes {
        if tags.isEmpty, firedRules.isEmpty, shadowRules.isEmpty, heldBack.isEmpty { return none }
        let names = Array(firedRules) + heldBack.map(\.rule) + shadowRules.map(\.rule)
        let table = DecisionNameTable(rules: names, tags: Array(tags))
        let fired = firedRules.count, held = heldBack.count
        var codes = (0..<Int32(fired)).map { $0 }
        codes += heldBack.enumerated().map { heldCode(rule: Int32(fired + $0), by: $1.guardName) }
        codes += shadowRules.enumerated().map { shadowCode(rule: Int32(fired + held + $0), outcome: $1.outcome) }
        codes += (0..<Int32(tags.count)).map { $0 }
        return make(table: table, codes: codes, fired: fired, held: held, shadow: shadowRules.count)
    }

    /// No lists: the decisions that report no rule share it.
    @usableFromInline static let none = make(table: DecisionNameTable(rules: [], tags: []), codes: [], fired: 0, held: 0, shadow: 0)

    @usableFromInline package var isEmpty: Bool {
        buffer.withUnsafeMutablePointerToHeader { $0.pointee.count == 0 }
    }

    package static func heldCode(rule: Int32, by guardName: GuardHold.Guard) -> Int32 {
        rule << 1 | (guardName == .cooldown ? 0 : 1)
    }

    package static func shadowCode(rule: Int32, outcome: Decision.Outcome) -> Int32 {
        rule << 2 | Int32(outcome.rank)
    }

    /// Which list a number belongs to, and so how it is named.
    @usableFromInline
    enum Kind: UInt8, Sendable {
        case fired, held, shadow, tag
    }

    /// One of the four lists; an empty one keeps no reference to the buffer.
    @inlinable
    func list<Element>(_ kind: Kind) -> Decision.List<Element> {
        let (lower, upper) = buffer.withUnsafeMutablePointerToHeader { header -> (Int32, Int32) in
            switch kind {
            case .fired: return (0, header.pointee.heldStart)
            case .held: return (header.pointee.heldStart, header.pointee.shadowStart)
            case .shadow: return (header.pointee.shadowStart, header.pointee.tagStart)
            case .tag: return (header.pointee.tagStart, header.pointee.count)
            }
        }
        return Decision.List(codes: lower == upper ? nil : self, lower: lower, upper: upper, kind: kind)
    }

    /// Number `index` of the tail, named as a `kind` element.
    @inlinable
    func element<Element>(at index: Int, _ kind: Kind) -> Element {
        buffer.withUnsafeMutablePointers { header, codes -> Element in
            let code = codes[index]
            let table = header.pointee.table
            return switch kind {
            case .fired: table.rules[Int(code)] as! Element
            case .held: GuardHold(rule: table.rules[Int(code >> 1)], guardName: code & 1 == 0 ? .cooldown : .maxEscalations) as! Element
            case .shadow: ShadowFiring(rule: table.rules[Int(code >> 2)], outcome: Decision.Outcome(rank: Int(code & 3))) as! Element
            case .tag: table.tags[Int(code)] as! Element
            }
        }
    }
}
