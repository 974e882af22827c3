/// The names a rule set's decisions can report, built once per loaded rule
/// set and shared by every decision the engine makes with it.
@usableFromInline
package final class DecisionNameTable: Sendable {
    /// Rule number → rule name.
    package let rules: [String]
    /// Tag number → tag, ascending, so sorted numbers are sorted tags.
    package let tags: [String]

    package init(rules: [String], tags: [String]) {
        self.rules = rules
        self.tags = tags
    }
}

/// A decision's four lists as the engine makes them: numbers into a shared
/// `DecisionNameTable`, back to back in the object's own tail. A turn that
/// fires a dozen rules then makes one object and no strings, and dropping
/// the decision frees it without destroying elements one by one.
///
/// The numbers are, in order: the fired rules (rule number), the held-back
/// rules (rule number << 1 | guard), the shadow rules (rule number << 2 |
/// outcome) and the tags (tag number). Never written after `make` returns.
/// Unchecked `Sendable`: the buffer is immutable once made.
@usableFromInline
package struct DecisionCodes: @unchecked Sendable {
    @usableFromInline
    struct Header {
        let table: DecisionNameTable
        @usableFromInline let count: Int32
        let heldStart: Int32
        let shadowStart: Int32
        let tagStart: Int32
    }

    @usableFromInline
    final class Buffer: ManagedBuffer<Header, Int32> {}

    @usableFromInline let buffer: Buffer

    private init(_ buffer: Buffer) {
        self.buffer = buffer
    }

    var header: Header { buffer.header }

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

    /// For decisions built from lists: no codes.
    @usableFromInline static let none = make(table: DecisionNameTable(rules: [], tags: []), codes: [], fired: 0, held: 0, shadow: 0)

    @usableFromInline package var isEmpty: Bool { header.count == 0 }

    package static func heldCode(rule: Int32, by guardName: GuardHold.Guard) -> Int32 {
        rule << 1 | (guardName == .cooldown ? 0 : 1)
    }

    package static func shadowCode(rule: Int32, outcome: Decision.Outcome) -> Int32 {
        rule << 2 | Int32(outcome.rank)
    }

    /// Number `index` of the tail; the lists check their own ranges.
    func code(_ index: Int) -> Int32 {
        buffer.withUnsafeMutablePointerToElements { $0[index] }
    }

    var firedRules: Decision.List<String> {
        .init(coded: self, 0..<Int(header.heldStart)) { code, table in table.rules[Int(code)] }
    }

    var heldBack: Decision.List<GuardHold> {
        .init(coded: self, Int(header.heldStart)..<Int(header.shadowStart)) { code, table in
            GuardHold(rule: table.rules[Int(code >> 1)], guardName: code & 1 == 0 ? .cooldown : .maxEscalations)
        }
    }

    var shadowRules: Decision.List<ShadowFiring> {
        .init(coded: self, Int(header.shadowStart)..<Int(header.tagStart)) { code, table in
            ShadowFiring(rule: table.rules[Int(code >> 2)], outcome: Decision.Outcome(rank: Int(code & 3)))
        }
    }

    var tags: Decision.List<String> {
        .init(coded: self, Int(header.tagStart)..<Int(header.count)) { code, table in table.tags[Int(code)] }
    }
}
