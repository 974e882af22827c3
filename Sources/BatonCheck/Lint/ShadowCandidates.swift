import BatonCore

/// Which rules the shadowed-rule check compares a rule with. Each rule is
/// filed under the first subject (by source position) of each of its terms,
/// and under each value when that subject is limited to a set; a rule's
/// candidates are the rules filed under the subjects of its first term, in
/// set order.
///
/// Buckets are sorted lists of rule positions in one flat array, and
/// `first` merges the few buckets a rule needs only as far as asked, so
/// the first 256 candidates cost about 256 steps however large the set.
/// Each member carries a `Summary` of its rule (what the caller's cheapest
/// tests read), so most candidates are turned away while the buckets are
/// read in order, without a lookup elsewhere in memory per candidate.
struct ShadowCandidates<Summary> {
    private struct Member {
        var summary: Summary
        var position: Int32
    }

    /// Bucket key → its range in `members`.
    private var buckets: [Int: Range<Int>] = [:]
    private var members: [Member] = []
    /// Ids of the values of `only` sets, for bucket keys.
    private var valueIDs: [Value: Int] = [:]
    /// The buckets each filed model searches (those of the subjects of its
    /// first term), `searched[searchRanges[position]]`.
    private var searched: [Range<Int>] = []
    private var searchRanges: [Range<Int>] = []

    /// Bucket for terms without subjects (`when true`): implied by everything.
    private static var alwaysKey: Int { -1 }

    /// Files the models of `table` for which `includes` holds.
    init(_ table: ImplicationTable, count: Int, includes: (Int) -> Bool, summary: (Int) -> Summary) {
        var lists: [Int: [Int32]] = [:]
        for position in 0..<count where includes(position) {
            for term in table.termIDs(position) {
                guard let first = table.firstWrittenEntry(ofTerm: term) else {
                    lists[Self.alwaysKey, default: []].append(Int32(position))
                    continue
                }
                let subject = table.subject(ofEntry: first)
                if let values = table.constraint(table.constraintID(ofEntry: first)).only, !values.isEmpty {
                    for value in values {
                        lists[key(subject, valueID(value)), default: []].append(Int32(position))
                    }
                } else {
                    lists[key(subject, nil), default: []].append(Int32(position))
                }
            }
        }
        members.reserveCapacity(lists.values.reduce(0) { $0 + $1.count })
        for (key, list) in lists {
            buckets[key] = members.count..<members.count + list.count
            for position in list { members.append(Member(summary: summary(Int(position)), position: position)) }
        }
        // Which value a constraint looks up depends on every value filed, so this comes last.
        prepareSearches(table, count: count, includes: includes)
    }

    /// The buckets each filed model will search, resolved once.
    private mutating func prepareSearches(_ table: ImplicationTable, count: Int, includes: (Int) -> Bool) {
        let lookupValueIDs = (0..<table.constraintCount).map { lookupValue(for: table.constraint(Int32($0))) }
        searchRanges.reserveCapacity(count)
        for position in 0..<count {
            let start = searched.count
            if includes(position) {
                if let bucket = buckets[Self.alwaysKey] { searched.append(bucket) }
                if let term = table.termIDs(position).first {
                    for entry in table.entries(ofTerm: term) {
                        let subject = table.subject(ofEntry: entry)
                        if let bucket = buckets[key(subject, nil)] { searched.append(bucket) }
                        if let value = lookupValueIDs[Int(table.constraintID(ofEntry: entry))],
                           let bucket = buckets[key(subject, value)] {
                            searched.append(bucket)
                        }
                    }
                }
            }
            searchRanges.append(start..<searched.count)
        }
    }

    /// The first of the first `limit` candidates for filed model `position`
    /// (ascending, each once, leaving out `position` itself) that `accepts`.
    /// Candidates are produced as they are tested, so a rule that finds its
    /// answer early stops there and none are stored.
    func first(for position: Int, limit: Int, where accepts: (Int, Summary) -> Bool) -> Int? {
        let range = searchRanges[position]
        switch range.count {
        case 0: return nil
        case 1: return first(in: searched[range.lowerBound], excluding: position, limit: limit, where: accepts)
        case 2: return first(merging: searched[range.lowerBound], searched[range.lowerBound + 1], excluding: position, limit: limit, where: accepts)
        default: return first(merging: Array(searched[range]), excluding: position, limit: limit, where: accepts)
        }
    }

    /// One bucket: already in order; only repeats need skipping.
    private func first(in bucket: Range<Int>, excluding excluded: Int, limit: Int, where accepts: (Int, Summary) -> Bool) -> Int? {
        // Every rule runs this loop (or a merge below) up to `limit` times:
        // unchecked reads of `members` keep it tight.
        members.withUnsafeBufferPointer { members in
            var previous = -1
            var count = 0
            for index in bucket {
                let member = Int(members[index].position)
                if member == previous || member == excluded { continue }
                if count == limit { return nil }
                previous = member
                count += 1
                if accepts(member, members[index].summary) { return member }
            }
            return nil
        }
    }

    /// Two buckets, the usual case: a plain two-way merge.
    private func first(merging first: Range<Int>, _ second: Range<Int>, excluding excluded: Int, limit: Int, where accepts: (Int, Summary) -> Bool) -> Int? {
        members.withUnsafeBufferPointer { members in
            var i = first.lowerBound
            var j = second.lowerBound
            var previous = -1
            var count = 0
            while count < limit {
                let a = i < first.upperBound ? Int(members[i].position) : Int.max
                let b = j < second.upperBound ? Int(members[j].position) : Int.max
                let next = min(a, b)
                if next == .max { return nil }
                // Both heads are the same rule when `b == next` too, so either summary will do.
                let summary = a == next ? members[i].summary : members[j].summary
                if a == next { i += 1 }
                if b == next { j += 1 }
                if next == previous || next == excluded { continue }
                previous = next
                count += 1
                if accepts(next, summary) { return next }
            }
            return nil
        }
    }

    /// Any number of buckets: repeatedly take the smallest head.
    private func first(merging buckets: [Range<Int>], excluding excluded: Int, limit: Int, where accepts: (Int, Summary) -> Bool) -> Int? {
        var cursors = buckets
        var previous = -1
        var count = 0
        while count < limit {
            var next = Int.max
            var slot = -1
            for (index, cursor) in cursors.enumerated() where !cursor.isEmpty && Int(members[cursor.lowerBound].position) < next {
                next = Int(members[cursor.lowerBound].position)
                slot = index
            }
            if slot < 0 { return nil }
            let summary = members[cursors[slot].lowerBound].summary
            cursors[slot] = cursors[slot].dropFirst()
            if next == previous || next == excluded { continue }
            previous = next
            count += 1
            if accepts(next, summary) { return next }
        }
        return nil
    }

    /// One value of a set-limited subject to look up: any allowed value finds
    /// every rule whose set contains all allowed values. The least value in a
    /// fixed order is taken, so the choice (which matters once a rule has
    /// more than `maxCandidates` candidates) does not depend on hashing.
    private func lookupValue(for constraint: Constraint) -> Int? {
        guard let only = constraint.only, !only.isEmpty else { return nil }
        // The least allowed value, else the least of `only`: as taking the
        // minimum of `allowed` (or of `only` when none is allowed), without
        // building the filtered set.
        let least = only.lazy.filter(constraint.admits).min(by: Self.precedes) ?? only.min(by: Self.precedes)
        return least.flatMap { valueIDs[$0] }
    }

    private static func precedes(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y
        case (.string(let x), .string(let y)): x < y
        case (.bool(let x), .bool(let y)): !x && y
        default: (rank(a), a.description) < (rank(b), b.description)
        }
    }

    private static func rank(_ value: Value) -> Int {
        switch value {
        case .null: 0
        case .bool: 1
        case .number: 2
        case .string: 3
        case .list: 4
        }
    }

    private mutating func valueID(_ value: Value) -> Int {
        if let id = valueIDs[value] { return id }
        let id = valueIDs.count
        valueIDs[value] = id
        return id
    }

    private func key(_ subject: Int32, _ value: Int?) -> Int {
        Int(subject) << 32 | ((value ?? -1) + 1)
    }
}
