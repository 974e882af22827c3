import BatonGraph

/// The dispatch index as the rule loop reads it: per intent id, then for
/// turns without a known intent, a list of rules in conflict order, visited
/// in groups that share a first test (see `CandidateGroup`).
struct DispatchTables {
    let candidates: UnsafeMutableBufferPointer<Candidate>
    let groups: UnsafeMutableBufferPointer<CandidateGroup>
    /// List `i`'s groups are `groups[groupStarts[i]..<groupStarts[i + 1]]`.
    let groupStarts: UnsafeMutableBufferPointer<Int32>
    /// The lists' rules in conflict order, back to back: list `i` is
    /// `listRules[listStarts[i]..<listStarts[i + 1]]`, and `Candidate.position`
    /// indexes it.
    let listRules: UnsafeMutableBufferPointer<Int32>
    let listStarts: UnsafeMutableBufferPointer<Int32>
    /// The `Int32` slots `decide` needs in the scratch space: one per
    /// candidate of the longest list and one per tag those candidates carry.
    let scratchSlots: Int

    /// `lists`: rule indices in conflict order, per intent id and then the
    /// intent-free list; `children`: the residual conditions' pool.
    init(lists: [[Int32]], rules: UnsafeMutableBufferPointer<HotRule>, children: [NodeID]) {
        var pool: [Candidate] = []
        var groups: [CandidateGroup] = []
        var groupStarts: [Int32] = [0]
        var listStarts: [Int32] = [0]
        var slots = 0
        for list in lists {
            var tagCount = 0
            // Groups in order of their first rule; rules in conflict order within a group.
            var members: [Int32: [Int32]] = [:]
            var order: [Int32] = []
            for (position, rule) in list.enumerated() {
                let hot = rules[Int(rule)]
                // A rule whose whole condition the dispatch implies has nothing to test first.
                let firstTest = hot.hasResidual && hot.residualCount == 0 ? CandidateGroup.noTest : hot.firstTest
                if members[firstTest] == nil { order.append(firstTest) }
                members[firstTest, default: []].append(Int32(position))
                tagCount += Int(hot.tagCount)
            }
            for firstTest in order {
                let start = Int32(pool.count)
                for position in members[firstTest]! {
                    let rule = list[Int(position)]
                    let hot = rules[Int(rule)]
                    var test = hot.hasResidual ? hot.residualStart : hot.root.rawValue
                    var residualCount = hot.hasResidual ? hot.residualCount : -1
                    if residualCount == 1 {
                        // A residual of one test (`intent in S and X` leaves X) is
                        // that test: no read of the children pool on the way to it.
                        test = children[Int(test)].rawValue
                        residualCount = -1
                    }
                    pool.append(Candidate(rule: rule, test: test, residualCount: residualCount, position: position))
                }
                groups.append(CandidateGroup(firstTest: firstTest, start: start, end: Int32(pool.count)))
            }
            groupStarts.append(Int32(groups.count))
            listStarts.append(listStarts[listStarts.count - 1] + Int32(list.count))
            slots = max(slots, list.count + tagCount)
        }
        candidates = .copying(pool)
        self.groups = .copying(groups)
        self.groupStarts = .copying(groupStarts)
        listRules = .copying(Array(lists.joined()))
        self.listStarts = .copying(listStarts)
        scratchSlots = slots
    }

    /// Frees the tables (all plain data); the plan's `deinit` calls it.
    func deallocate() {
        candidates.deallocate()
        groups.deallocate()
        groupStarts.deallocate()
        listRules.deallocate()
        listStarts.deallocate()
    }

    /// The dispatch list for intent id `intent`; the intent-free one for an
    /// id the schema does not have (no intent, an unknown one).
    @inline(__always)
    func list(forIntent intent: UInt16) -> DispatchList {
        let intentFree = groupStarts.count - 2
        let list = Int(intent) < intentFree ? Int(intent) : intentFree
        return DispatchList(
            groups: UnsafeMutableBufferPointer(rebasing: groups[Int(groupStarts[list])..<Int(groupStarts[list + 1])]),
            rules: UnsafeMutableBufferPointer(rebasing: listRules[Int(listStarts[list])..<Int(listStarts[list + 1])]))
    }
}

/// An entry of a dispatch list: a rule and its condition, so only a rule
/// that fires has its `HotRule` read.
struct Candidate {
    var rule: Int32
    /// `residualStart` when the rule has a residual of two or more tests;
    /// else the one node that decides it (its root, or its only residual test).
    var test: Int32
    /// `residualCount`, or -1 when `test` is a node.
    var residualCount: Int32
    /// The rule's place in its list's conflict order.
    var position: Int32
}

/// One dispatch list: its groups, and its rules in conflict order.
struct DispatchList {
    let groups: UnsafeMutableBufferPointer<CandidateGroup>
    let rules: UnsafeMutableBufferPointer<Int32>
}

/// The rules of a dispatch list that share a first test (`HotRule.firstTest`):
/// `DispatchTables.candidates[start..<end]`. When the test fails, the whole
/// group is passed over: many rules share a threshold or an error count. A
/// turn needs every firing rule of its list, so the order rules are visited
/// in does not change the decision; `decide` puts the firing ones back in
/// conflict order by their `Candidate.position`.
struct CandidateGroup {
    /// A node, or `noTest` for rules that fire on their dispatch alone.
    var firstTest: Int32
    static let noTest: Int32 = -1
    var start: Int32
    var end: Int32
}
