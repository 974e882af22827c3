import BatonCore
import BatonGraph
import BatonPattern

/// One evaluation: folds the event into the state, then evaluates nodes on
/// demand with a per-event memo (0 unknown, 1 false, 2 true), so a node
/// shared by many rules runs once. Sentiment and the folded message are
/// computed the first time a visited test asks for them.
struct TurnRun {
    let plan: Plan
    let memo: UnsafeMutablePointer<UInt8>
    let explain: Bool
    /// The plan's hot tables, held directly: the node and rule loops read
    /// them without going through `plan` each time.
    let hotNodes: UnsafeMutableBufferPointer<HotNode>
    let children: UnsafeMutableBufferPointer<NodeID>
    let intentBits: UnsafeMutableBufferPointer<UInt64>
    let rules: UnsafeMutableBufferPointer<HotRule>
    let comparisons: UnsafeMutableBufferPointer<ComparisonGroups.Comparison>
    let comparisonStarts: UnsafeMutableBufferPointer<Int32>
    /// The caller's session state, moved in for the run (see `end(_:into:)`).
    var state: SessionState
    var stats = EvaluationStats()
    var folded: FoldedText?
    /// The customer message of this turn: the event's text on a customer
    /// event, the kept message (if any) on later events.
    var message: String?

    init(plan: Plan, state: consuming SessionState, memo: UnsafeMutablePointer<UInt8>, explain: Bool) {
        self.plan = plan
        self.state = state
        self.memo = memo
        self.explain = explain
        self.hotNodes = plan.hotNodes
        self.children = plan.children
        self.intentBits = plan.intentBits
        self.rules = plan.rules
        self.comparisons = plan.comparisons.entries
        self.comparisonStarts = plan.comparisons.starts
    }

    /// Ends a run made in place at `run`: releases what it holds and moves
    /// its state back to `caller`, leaving `run` uninitialised. Destroying
    /// the whole run would need a state left in its place (a swap), whose
    /// arrays and strings cost a release call each.
    static func end(_ run: UnsafeMutablePointer<TurnRun>, into caller: UnsafeMutablePointer<SessionState>) {
        // Set to nil (nothing left to release) rather than deinitialised: a
        // deinitialisation through a key-path pointer is not specialised.
        run.pointee.message = nil
        run.pointee.folded = nil
        UnsafeMutablePointer(mutating: run.pointer(to: \.plan)!).deinitialize(count: 1)
        caller.moveInitialize(from: run.pointer(to: \.state)!, count: 1)
    }

    /// Read through the plan: a stored copy would retain every array of
    /// the graph when the run starts and release them when it ends.
    var graph: DecisionGraph {
        @inline(__always) _read { yield plan.graph }
    }

    // MARK: Nodes

    /// Whether node `id` holds this event: the memo's answer when it has
    /// one (inlined, so a shared node costs no call), else `evaluate`.
    @inline(__always)
    mutating func holds(_ id: NodeID) -> Bool {
        let known = memo[id.index]
        if known != 0 { return known == 2 }
        return evaluate(id.index)
    }

    @inline(never)
    private mutating func evaluate(_ index: Int) -> Bool {
        let result: Bool
        let hot = hotNodes[index]
        switch hot.kind {
        case .all:
            result = every(from: Int(hot.start), count: Int(hot.count))
        case .any:
            result = some(from: Int(hot.start), count: Int(hot.count))
        case .not:
            result = !holds(NodeID(rawValue: hot.start))
        case .same:
            result = holds(NodeID(rawValue: hot.start))
        case .yes:
            result = true
        case .no:
            result = false
        case .intentIs, .intentIsNot:
            let intent = state.turn.intent
            result = intent < CurrentTurn.unknownIntent && (Int32(intent) == hot.start) == (hot.kind == .intentIs)
        case .intentInSet:
            let intent = Int(state.turn.intent)
            if intent < Int(CurrentTurn.unknownIntent) {
                let word = intentBits[Int(hot.start) + intent >> 6]
                result = (word >> UInt64(intent & 63)) & 1 != 0 ? hot.flag == 0 : hot.flag != 0
            } else {
                result = false
            }
        case .numCompare:
            let left = fastNumber(hot.operand, slot: Int(hot.start))
            if hot.flag & ComparisonGroups.grouped == 0 {
                let constant = comparisons[Int(hot.count)].constant
                result = left.map { Self.holds(relation: hot.flag, $0, constant) } ?? false
                break
            }
            // The number, read once, settles every test of its group.
            let group = Int(hot.count)
            let first = Int(comparisonStarts[group]), end = Int(comparisonStarts[group + 1])
            for entry in first..<end {
                let comparison = comparisons[entry]
                let held = left.map { Self.holds(relation: comparison.relation, $0, comparison.constant) } ?? false
                memo[Int(comparison.node)] = held ? 2 : 1
            }
            stats.nodesEvaluated &+= end - first - 1
            result = memo[index] == 2
        case .metadataIn:
            let set = Int(hot.count)
            let members = UnsafeMutableBufferPointer(
                rebasing: plan.valueMembers[Int(plan.valueStarts[set])..<Int(plan.valueStarts[set + 1])])
            result = Self.isMember(state.metadata[Int(hot.start)], of: members, negated: hot.flag != 0)
        case .phrase:
            result = phraseHolds(Int(hot.start))
        case .pattern:
            result = patternHolds(Int(hot.start))
        case .failedAny:
            result = failedAnyHolds(hot)
        case .failedAPI:
            result = failedAPIHolds(hot)
        case .called:
            result = state.turn.api(Int(hot.start)) != nil
        case .apiStatus:
            if let status = state.turn.api(Int(hot.start))?.status {
                result = (status == plan.statusConstants[Int(hot.count)]) == (hot.flag == 0)
            } else {
                result = false
            }
        case .leaf:
            result = compute(graph.nodes[index].test)
        }
        return remember(index, result)
    }

    /// Notes node `index`'s result for the rest of the event.
    @inline(__always)
    mutating func remember(_ index: Int, _ result: Bool) -> Bool {
        memo[index] = result ? 2 : 1
        stats.nodesEvaluated &+= 1
        return result
    }

    /// A `failed` test of any API call this turn.
    @inline(__always)
    func failedAnyHolds(_ hot: HotNode) -> Bool { state.turn.anyFailure.matches(code: hot.flag) }

    /// A `failed` test of one API's call this turn.
    @inline(__always)
    func failedAPIHolds(_ hot: HotNode) -> Bool { state.turn.api(Int(hot.start))?.flags.matches(code: hot.flag) ?? false }

    /// A `metadata.x in [...]` test: a missing value never holds; a list
    /// holds when any item is a member.
    @inline(__always)
    private static func isMember(_ value: borrowing Value, of members: UnsafeMutableBufferPointer<Value>, negated: Bool) -> Bool {
        switch value {
        case .null: false
        case .string(let text): Self.contains(text, in: members) != negated
        case .list(let items): items.contains(where: members.contains) != negated
        default: members.contains(copy value) != negated
        }
    }

    /// Whether `members` holds the string `text`: compared as strings, in
    /// place, where `contains` would copy each member and compare `Value`s.
    @inline(__always)
    private static func contains(_ text: String, in members: UnsafeMutableBufferPointer<Value>) -> Bool {
        for index in members.indices {
            if case .string(let member) = members[index], member == text { return true }
        }
        return false
    }

    @inline(__always)
    static func holds(relation code: UInt8, _ lhs: Double, _ rhs: Double) -> Bool {
        switch code {
        case 0: lhs == rhs
        case 1: lhs != rhs
        case 2: lhs < rhs
        case 3: lhs <= rhs
        case 4: lhs > rhs
        default: lhs >= rhs
        }
    }

    /// `number(_:)` for the operands `numCompare` reads, without building an `Operand`.
    @inline(__always)
    private mutating func fastNumber(_ operand: UInt8, slot: Int) -> Double? {
        switch operand {
        case HotNode.confidence:
            guard state.turn.intent != CurrentTurn.noIntent else { return nil }
            return Double(state.turn.confidence) / StateLayout.scale
        case HotNode.sentiment:
            return sentiment()
        case HotNode.turnCount:
            return Double(state.turnCount)
        case HotNode.metadataNumber:
            if case .number(let value) = state.metadata[slot] { return value }
            return nil
        case HotNode.apiHTTP:
            guard let record = state.turn.api(slot), record.httpStatus != 0 else { return nil }
            return Double(record.httpStatus)
        default:
            return state.windowValue(graph.windows[slot], plan: plan.layout.windows[slot])
        }
    }

    /// Whether phrase list `list` occurs in the turn's message. The lists
    /// this turn's rules can read are scanned in one pass on first use in a
    /// turn and remembered; a list that scan did not look for (none, as
    /// `Plan.messageNeeds` walks every node a turn can reach) has all of
    /// them scanned.
    @inline(__always)
    mutating func phraseHolds(_ list: Int) -> Bool {
        if state.turn.phraseScan != .allLists {
            if state.turn.phraseScan == .notYet { scanPhrases(allLists: false) }
            if state.turn.phraseScan == .turnLists, !plan.phraseScans.covers(list, intent: state.turn.intent) {
                scanPhrases(allLists: true)
            }
        }
        return state.words[plan.layout.phraseOffset + list >> 6] & (1 << UInt64(list & 63)) != 0
    }

    @inline(never)
    mutating func scanPhrases(allLists: Bool) {
        let (matcher, isFull) = plan.phraseScans.matcher(forIntent: state.turn.intent, allLists: allLists)
        state.turn.phraseScan = isFull ? .allLists : .turnLists
        let offset = plan.layout.phraseOffset, words = plan.layout.phraseWords
        guard words > 0, message != nil, state.turn.hasCustomerTurn else {
            for word in 0..<words { state.words[offset + word] = 0 }
            return
        }
        stats.messageFolded = true
        // Scanned into a buffer of its own, then copied: scanning into the
        // state's words would need the message copied out of the run first.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { bits in
            bits.initialize(repeating: 0)
            matcher._withUnsafeGuaranteedRef { $0.scan(message.unsafelyUnwrapped, into: bits.baseAddress!) }
            for word in 0..<words { state.words[offset + word] = bits[word] }
        }
    }

    /// Whether pattern `pattern` matches the turn's message; remembered for the turn.
    mutating func patternHolds(_ pattern: Int) -> Bool {
        let known = plan.layout.patternOffset + pattern >> 6, answer = known + plan.layout.patternWords
        let bit: UInt64 = 1 << UInt64(pattern & 63)
        if state.words[known] & bit != 0 { return state.words[answer] & bit != 0 }
        var result = false
        // Most messages lack the pattern's literals: that is found without
        // folding them, by the phrase scan when the literals are in its
        // automaton. The pattern and the message are read in place: copies
        // would retain the pattern's buffers and the message's storage.
        let compiled = plan.patterns.baseAddress! + pattern
        if state.turn.hasCustomerTurn, message != nil {
            let literals = Int(plan.patternLists[pattern])
            let viaScan = literals >= 0 && (state.turn.phraseScan != .notYet || plan.readsPhrases(intent: state.turn.intent))
            if viaScan ? phraseHolds(literals) : compiled.pointee.mayMatch(message.unsafelyUnwrapped) {
                result = withFolded(.signal(.message)) { compiled.pointee.matches($0) } ?? false
            }
        }
        state.words[known] |= bit
        // A new turn clears only the "computed" bits: an answer bit may be left from an earlier turn.
        if result { state.words[answer] |= bit } else { state.words[answer] &= ~bit }
        return result
    }

    /// Before a customer event ends without keeping the message: computes
    /// the phrase, pattern and sentiment results this turn's rules can still
    /// read on later events.
    mutating func resolveMessageFeatures() {
        let needs = plan.messageNeeds[DispatchTables.listIndex(forIntent: state.turn.intent, lists: plan.messageNeeds.count)]
        guard !needs.isEmpty else { return }
        if needs.phrases, state.turn.phraseScan == .notYet { scanPhrases(allLists: false) }
        for slot in Int(needs.patternStart)..<Int(needs.patternEnd) { _ = patternHolds(Int(plan.neededPatterns[slot])) }
        if needs.sentiment { _ = sentiment() }
    }

    @inline(__always)
    mutating func every(from start: Int, count: Int) -> Bool {
        for offset in 0..<count where !holds(children[start + offset]) { return false }
        return true
    }

    @inline(__always)
    private mutating func some(from start: Int, count: Int) -> Bool {
        for offset in 0..<count where holds(children[start + offset]) { return true }
        return false
    }

    private mutating func compute(_ test: Test) -> Bool {
        switch test {
        case .constant(let value):
            return value
        case .all(let children):
            for child in children where !holds(child) { return false }
            return true
        case .any(let children):
            for child in children where holds(child) { return true }
            return false
        case .not(let child):
            return !holds(child)
        case .named(_, let child):
            return holds(child)
        case .compare(let relation, let lhs, let rhs):
            return compare(relation, lhs, rhs)
        case .intentIn(let ids, let negated):
            let intent = state.turn.intent
            guard intent < CurrentTurn.unknownIntent else { return false }
            return Self.sortedContains(ids, intent) != negated
        case .member(let operand, let values, let negated):
            guard let value = value(operand) else { return false }
            if case .list(let items) = value {
                return items.contains(where: values.contains) != negated
            }
            return values.contains(value) != negated
        case .matches(.signal(.message), let pattern):
            return patternHolds(pattern)
        case .matches(let operand, let pattern):
            let patterns = plan.patterns
            return withFolded(operand) { patterns[pattern].matches($0) } ?? false
        case .contains(.signal(.message), let phrases):
            return phraseHolds(phrases)
        case .contains(let operand, let phrases):
            let matcher = graph.phraseMatchers[phrases]
            return withFolded(operand) { matcher.matches($0) } ?? false
        case .exists(let operand):
            return value(operand) != nil
        case .truthy(let operand):
            return value(operand) == .bool(true)
        case .failed(let api, let failure):
            guard let api else { return state.turn.anyFailure.matches(failure) }
            return apiRecord(api)?.flags.matches(failure) ?? false
        case .called(let api):
            return apiRecord(api) != nil
        case .statusUnknown(let api, let known):
            guard let status = apiRecord(api)?.status else { return false }
            return !known.contains(status)
        case .toolCalled(let tool):
            return state.turn.toolCalled(tool)
        case .intentWas(let track, let within):
            return state.heldBefore(track, within: within, layout: plan.layout)
        }
    }

    static func sortedContains(_ ids: [UInt16], _ id: UInt16) -> Bool {
        if ids.count <= 8 { return ids.contains(id) }
        var low = 0
        var high = ids.count
        while low < high {
            let mid = (low + high) >> 1
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < ids.count && ids[low] == id
    }

    private mutating func compare(_ relation: Relation, _ lhs: Operand, _ rhs: Operand) -> Bool {
        if lhs.isNumeric || rhs.isNumeric {
            guard let left = number(lhs), let right = number(rhs) else { return false }
            return relation.holds(left, right)
        }
        guard let left = value(lhs), let right = value(rhs) else { return false }
        switch relation {
        case .equal: return left == right
        case .notEqual: return left != right
        default:
            if case .number(let a) = left, case .number(let b) = right { return relation.holds(a, b) }
            return false
        }
    }

    // MARK: Operands

    func apiRecord(_ slot: Int) -> APIRecord? {
        state.turn.api(slot)
    }

    /// A numeric operand's value; nil when missing.
    mutating func number(_ operand: Operand) -> Double? {
        switch operand {
        case .constant(.number(let value)): return value
        case .signal(.confidence):
            guard state.turn.intent != CurrentTurn.noIntent else { return nil }
            return Double(state.turn.confidence) / StateLayout.scale
        case .signal(.sentiment): return sentiment()
        case .signal(.turnCount): return Double(state.turnCount)
        case .metadata(let slot):
            if case .number(let value) = state.metadata[slot] { return value }
            return nil
        case .api(let slot, .httpStatus):
            guard let record = apiRecord(slot), record.httpStatus != 0 else { return nil }
            return Double(record.httpStatus)
        case .negate(let inner): return number(inner).map { -$0 }
        case .window(let slot):
            return state.windowValue(graph.windows[slot], plan: plan.layout.windows[slot])
        default: return nil
        }
    }

    /// Any operand's value; nil when missing.
    mutating func value(_ operand: Operand) -> Value? {
        switch operand {
        case .constant(let value): return value == .null ? nil : value
        case .signal(.intent):
            let intent = state.turn.intent
            if intent == CurrentTurn.noIntent { return nil }
            if intent == CurrentTurn.unknownIntent { return state.turn.unknownIntentName.map(Value.string) }
            return .string(graph.intents[Int(intent)])
        case .signal(.message):
            return message.map(Value.string)
        case .metadata(let slot):
            let value = state.metadata[slot]
            return value == .null ? nil : value
        case .api(let slot, .status): return apiRecord(slot)?.status.map(Value.string)
        case .api(let slot, .errorCode): return apiRecord(slot)?.errorCode.map(Value.string)
        case .toolSummary: return state.turn.toolSummary.map(Value.string)
        default: return number(operand).map(Value.number)
        }
    }

    // MARK: Lazy features

    /// The current turn's sentiment, scored on first use; nil before the first customer turn.
    mutating func sentiment() -> Double? {
        guard state.turn.hasCustomerTurn else { return nil }
        if state.turn.sentiment == CurrentTurn.notScored {
            state.turn.sentiment = scoreMessage()
        }
        return Double(state.turn.sentiment) / StateLayout.scale
    }

    /// Scores the kept customer message into fixed point; NaN and out-of-range scores are clamped.
    mutating func scoreMessage() -> Int16 {
        // Called in place: bound to locals, the closure and the text were retained for the call.
        guard plan.compound != nil, message?.isEmpty == false else { return 0 }
        stats.sentimentScored = true
        let compound = plan.compound.unsafelyUnwrapped(message.unsafelyUnwrapped)
        guard compound.isFinite else { return 0 }
        return StateLayout.fixedPoint(min(max(compound, -1), 1))
    }

    private mutating func withFolded(_ operand: Operand, _ body: (FoldedText) -> Bool) -> Bool? {
        if case .signal(.message) = operand {
            if folded == nil {
                guard let message else { return nil }
                folded = FoldedText(message)
                stats.messageFolded = true
            }
            return folded.map(body)
        }
        guard case .string(let text)? = value(operand) else { return nil }
        return body(FoldedText(text))
    }
}

extension Operand {
    /// Whether the operand is a number by type (so `==` compares numerically).
    var isNumeric: Bool {
        switch self {
        case .constant(.number), .signal(.confidence), .signal(.sentiment), .signal(.turnCount),
             .api(_, .httpStatus), .negate, .window:
            true
        default:
            false
        }
    }
}
