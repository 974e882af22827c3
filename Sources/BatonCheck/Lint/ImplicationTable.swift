/// Condition models flattened for the shadowed-rule check, which asks
/// "does rule A's condition imply rule B's?" up to 256 times per rule (and
/// for the unreachable-rule check: can any term hold?).
/// Terms become plain records in flat arrays, constraints are interned so
/// each distinct pair is compared once, and a 64-bit subject mask per term
/// rejects most pairs of terms before any constraint is looked at.
///
/// `implies` answers exactly what comparing the models term by term does:
/// every satisfiable term of A must have a term of B whose every subject
/// A constrains at least as tightly (a subject A leaves free must be free in B).
struct ImplicationTable {
    /// 32 bytes, and 32-bit offsets throughout: at 100,000 rules each
    /// `implies` reads a candidate far away in these arrays, so the fewer
    /// cache lines a model spans, the fewer misses.
    private struct Term {
        /// Bit `subject % 64` set for every subject of the term.
        var subjects: UInt64 = 0
        /// The same, for subjects whose constraint is not satisfied by "anything".
        var required: UInt64 = 0
        var entryStart: Int32
        var entryEnd: Int32
        /// The entry whose subject was written first in the source (the
        /// lowest subject id on a tie), for the shadow candidates' index;
        /// -1 for a term without subjects.
        var firstWritten: Int32 = -1
        /// Some constraint of the term allows nothing.
        var isEmpty = false

        var entries: Range<Int> { Int(entryStart)..<Int(entryEnd) }
    }

    /// A subject and its constraint, side by side: a term's entries are
    /// read together.
    private struct Entry {
        var subject: Int32
        var constraint: Int32
    }

    /// Terms of model m are `terms[termStarts[m]..<termStarts[m + 1]]` (none when unmodelled).
    private var termStarts: [Int32] = [0]
    private var modelled: [Bool] = []
    private var terms: [Term] = []
    /// Entries of all terms, sorted by subject within each term.
    private var entryList: [Entry] = []
    /// The constraints the entries' ids refer to; models are built with
    /// this table's ids before they are added.
    var constraints = ConstraintTable()
    /// `isSubset` results by constraint pair.
    private var subsetCache = PairCache()

    init(capacity: Int) {
        reserve(capacity)
    }

    /// Room for `count` more models (about two terms and three entries each).
    mutating func reserve(_ count: Int) {
        termStarts.reserveCapacity(termStarts.count + count)
        modelled.reserveCapacity(modelled.count + count)
        terms.reserveCapacity(terms.count + 2 * count)
        entryList.reserveCapacity(entryList.count + 3 * count)
    }

    /// Adds the next model (index `count`), nil for an unmodelled one.
    mutating func append(_ model: ConditionModel?) {
        for term in model?.terms ?? [] { add(term) }
        termStarts.append(Int32(terms.count))
        modelled.append(model != nil)
    }

    /// Number of models added.
    var count: Int { modelled.count }

    private func termRange(_ index: Int) -> Range<Int> { Int(termStarts[index])..<Int(termStarts[index + 1]) }

    /// Whether model `index` was modelled (not too large).
    func isModelled(_ index: Int) -> Bool { modelled[index] }

    /// The terms of model `index`, as ids for the accessors below.
    func termIDs(_ index: Int) -> Range<Int> { termRange(index) }

    /// The entries of term `term` (an id from `termIDs`).
    func entries(ofTerm term: Int) -> Range<Int> { terms[term].entries }

    /// The entry of term `term` whose subject was written first; nil when it has no subjects.
    func firstWrittenEntry(ofTerm term: Int) -> Int? { terms[term].firstWritten < 0 ? nil : Int(terms[term].firstWritten) }

    func subject(ofEntry entry: Int) -> Int32 { entryList[entry].subject }

    func constraintID(ofEntry entry: Int) -> Int32 { entryList[entry].constraint }

    /// Interned constraints, by id.
    var constraintCount: Int { constraints.count }

    func constraint(_ id: Int32) -> Constraint { constraints[id] }

    /// True when model `index` has no term that can hold.
    func isContradictory(_ index: Int) -> Bool {
        terms[termRange(index)].allSatisfy(\.isEmpty)
    }

    /// Number of terms of model `index` (0 when unmodelled).
    func termCount(_ index: Int) -> Int { termRange(index).count }

    /// The `required` bits of term `term` of model `index`.
    func required(ofTerm term: Int, in index: Int) -> UInt64 {
        terms[termRange(index).lowerBound + term].required
    }

    /// The subject bits of each satisfiable term of model `index`, in order.
    func satisfiableSubjects(_ index: Int, into subjects: inout [UInt64]) {
        subjects.removeAll(keepingCapacity: true)
        for term in terms[termRange(index)] where !term.isEmpty { subjects.append(term.subjects) }
    }

    /// How many terms of model `index` are satisfiable, and the subject
    /// bits of the first two, without gathering them all.
    func leadingSatisfiableSubjects(_ index: Int) -> (count: Int, first: UInt64?, second: UInt64?) {
        var count = 0
        var first: UInt64?
        var second: UInt64?
        for term in terms[termRange(index)] where !term.isEmpty {
            if count == 0 { first = term.subjects } else if count == 1 { second = term.subjects }
            count += 1
        }
        return (count, first, second)
    }

    /// Subject bits present in every satisfiable term of model `index`
    /// (all bits when it has none).
    func sharedSubjects(_ index: Int) -> UInt64 {
        terms[termRange(index)].reduce(UInt64.max) { $1.isEmpty ? $0 : $0 & $1.subjects }
    }

    /// Subject bits that every term of model `index` requires. Unless
    /// `sharedRequired(b) & ~sharedSubjects(a) == 0`, `a` cannot imply `b`.
    func sharedRequired(_ index: Int) -> UInt64 {
        terms[termRange(index)].reduce(UInt64.max) { $0 & $1.required }
    }

    /// False when `implies(a, b)` is certainly false because some term of
    /// `a` lacks a subject that every term of `b` constrains: a few mask
    /// tests that reject most pairs without touching any constraint.
    func mayImply(_ a: Int, _ b: Int) -> Bool {
        let theirs = termRange(b)
        for mine in termRange(a) where !terms[mine].isEmpty {
            let available = terms[mine].subjects
            var fits = false
            for term in theirs where terms[term].required & ~available == 0 {
                fits = true
                break
            }
            if !fits { return false }
        }
        return true
    }

    /// True when every way model `a` can hold also satisfies model `b`.
    mutating func implies(_ a: Int, _ b: Int) -> Bool {
        for mine in termRange(a) where !terms[mine].isEmpty {
            let available = terms[mine].subjects
            var found = false
            for theirs in termRange(b) where terms[theirs].required & ~available == 0 {
                if termImplies(mine, theirs) {
                    found = true
                    break
                }
            }
            if !found { return false }
        }
        return true
    }

    /// Every subject of `theirs` is allowed by `mine` no more than by `theirs`.
    private mutating func termImplies(_ mine: Int, _ theirs: Int) -> Bool {
        let myEntries = terms[mine].entries
        var cursor = myEntries.lowerBound
        for entry in terms[theirs].entries {
            let subject = entryList[entry].subject
            let constraint = entryList[entry].constraint
            while cursor < myEntries.upperBound, entryList[cursor].subject < subject { cursor += 1 }
            if cursor < myEntries.upperBound, entryList[cursor].subject == subject {
                if !isSubset(entryList[cursor].constraint, of: constraint) { return false }
            } else if !constraints.acceptsAnything[Int(constraint)] {
                return false
            }
        }
        return true
    }

    private mutating func isSubset(_ mine: Int32, of theirs: Int32) -> Bool {
        if mine == theirs { return true }
        let constraints = constraints.constraints
        return subsetCache.answer(mine, theirs) { constraints[Int(mine)].isSubset(of: constraints[Int(theirs)]) }
    }

    private mutating func add(_ conjunction: ConditionModel.Conjunction) {
        var term = Term(entryStart: Int32(entryList.count), entryEnd: Int32(entryList.count + conjunction.count))
        // Ties (possible only across files) go to the lowest subject id;
        // by index, as comparing entries themselves would copy them.
        if let first = conjunction.indices.min(by: { (conjunction[$0].start, conjunction[$0].subject) < (conjunction[$1].start, conjunction[$1].subject) }) {
            term.firstWritten = term.entryStart + Int32(first)
        }
        for index in conjunction.indices {
            let subject = conjunction[index].subject
            let id = conjunction[index].constraint
            let bit: UInt64 = 1 << UInt64(subject & 63)
            term.subjects |= bit
            if !constraints.acceptsAnything[Int(id)] { term.required |= bit }
            if constraints.isEmpty[Int(id)] { term.isEmpty = true }
            entryList.append(Entry(subject: subject, constraint: id))
        }
        terms.append(term)
    }
}
