import BatonCore

/// Which rules the shadowed-rule check compares a rule with. Each rule is
/// filed under the first subject (by source position) of each of its terms,
/// and under each value when that subject is limited to a set; a rule's
/// candidates are the rules filed under the subjects of its first term, in
/// set order.
///
/// Buckets are sorted lists of rule positions in one flat array. Rules
/// that search the same buckets share their candidates, so
/// `forEachSearch` merges each distinct set of buckets once, only as far
/// as the first 257 rules, and hands them to every rule that searches it:
/// a rule's candidates are then a short array read in order, whose cost
/// does not grow with the set. Each member carries a `Summary` of its rule
/// (what the caller's cheapest tests read), so most candidates are turned
/// away without a lookup elsewhere in memory per candidate.
struct ShadowCandidates<Summary> {
    struct Member {
        var summary: Summary
        var position: Int32
    }

    /// Bucket key → its range in `members`.
    private var buckets: [Int: Range<Int>] = [:]
    private var members: [Member] = []
    /// Ids of the values of `only` sets, for bucket keys.
    private var valueIDs: [Value: Int] = [:]
    /// The distinct searches: the buckets a filed model searches (those of
    /// the subjects of its first term), and the models that search them,
    /// `searchers[searcherRanges[search]]`.
    private var searchBuckets: [[Range<Int>]] = []
    private var searcherRanges: [Range<Int>] = []
    private var searchers: [Int32] = []

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

    /// The buckets each filed model will search, resolved once, and the
    /// searches themselves: models that search the same buckets share one.
    private mutating func prepareSearches(_ table: ImplicationTable, count: Int, includes: (Int) -> Bool) {
        let lookupValueIDs = (0..<table.constraintCount).map { lookupValue(for: table.constraint(Int32($0))) }
        var searchIDs: [[Range<Int>]: Int32] = [:]
        var searchOf = [Int32](repeating: -1, count: count)
        var searched: [Range<Int>] = []
        for position in 0..<count where includes(position) {
            searched.removeAll(keepingCapacity: true)
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
            // A model with no bucket to search has no candidates.
            guard !searched.isEmpty else { continue }
            if let id = searchIDs[searched] {
                searchOf[position] = id
                continue
            }
            let id = Int32(searchBuckets.count)
            searchIDs[searched] = id
            searchOf[position] = id
            searchBuckets.append(searched)
        }
        // The searchers of each search, in set order (a counting sort).
        var starts = [Int](repeating: 0, count: searchBuckets.count + 1)
        for id in searchOf where id >= 0 { starts[Int(id) + 1] += 1 }
        for index in searchBuckets.indices { starts[index + 1] += starts[index] }
        searcherRanges = searchBuckets.indices.map { starts[$0]..<starts[$0 + 1] }
        searchers = [Int32](repeating: 0, count: starts[searchBuckets.count])
        for (position, id) in searchOf.enumerated() where id >= 0 {
            searchers[starts[Int(id)]] = Int32(position)
            starts[Int(id)] += 1
        }
    }

    /// Calls `body` once per search with its first `limit + 1` candidates
    /// (ascending, each once; a searcher leaves itself out, so `limit + 1`
    /// cover every searcher's first `limit`) and its searchers, ascending.
    /// A search's candidates are merged once for all its searchers, instead
    /// of once per searcher.
    func forEachSearch(limit: Int, _ body: (_ candidates: UnsafeBufferPointer<Member>, _ searchers: ArraySlice<Int32>) -> Void) {
        var window: [Member] = []
        window.reserveCapacity(limit + 1)
        for (search, buckets) in searchBuckets.enumerated() {
            window.removeAll(keepingCapacity: true)
            merge(buckets, into: &window, limit: limit + 1)
            window.withUnsafeBufferPointer { body($0, searchers[searcherRanges[search]]) }
        }
    }

    /// The first `limit` distinct members of `buckets`, ascending.
    private func merge(_ buckets: [Range<Int>], into window: inout [Member], limit: Int) {
        members.withUnsafeBufferPointer { members in
            if buckets.count == 1 {
                // Already in order; a rule filed twice under one key sits twice in a row.
                var previous: Int32 = -1
                for index in buckets[0] where members[index].position != previous {
                    if window.count == limit { return }
                    previous = members[index].position
                    window.append(members[index])
                }
                return
            }
            var cursors = buckets
            var previous: Int32 = -1
            while window.count < limit {
                var next = Int32.max
                var slot = -1
                for (index, cursor) in cursors.enumerated() where !cursor.isEmpty && members[cursor.lowerBound].position < next {
                    next = members[cursor.lowerBound].position
                    slot = index
                }
                if slot < 0 { return }
                let member = members[cursors[slot].lowerBound]
                cursors[slot] = cursors[slot].dropFirst()
                if next == previous { continue }
                previous = next
                window.append(member)
            }
        }
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
