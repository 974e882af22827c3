import BatonCore
import BatonGraph

/// Conflict resolution, loop guards and the decision.
extension TurnRun {
    /// Decides the turn. `scratch` holds `plan.dispatch.scratchSlots` slots
    /// (see `DispatchTables`): the list's bits, then the notes of its firing
    /// rules, written once as numbers into the decision's storage.
    /// `texts` holds `plan.textSlots` slots for the winner's placeholder texts.
    mutating func decide(scratch: UnsafeMutablePointer<Int32>, texts: UnsafeMutablePointer<String>) -> Decision {
        let list = plan.dispatch.list(forIntent: state.turn.intent)
        let holdingGuard = activeGuard()
        let guardShift: Int32 = holdingGuard == nil ? 0 : 2
        let notes = scratch + plan.dispatch.noteOffset
        guard explain else {
            // The scratch slots start 8-aligned.
            let bits = UnsafeMutableRawPointer(scratch).assumingMemoryBound(to: UInt64.self)
            let full = plan.dispatch.fullWords.baseAddress! + Int(list.fullStart)
            let words = Int(list.words), later = full + words
            let noting = list.fixedCount != 0 && !state.flags.contains(.fixedNoted)
            let recalling = list.fixedCount != 0 && !noting
            let tests: Range<Int>
            if recalling {
                // A later event of the turn: its turn-fixed rules fire as they did.
                tests = Int(list.laterTestStart)..<Int(list.testEnd)
                stats.rulesVisited += list.varyingRuleCount
                stats.rulesRecalled += list.ruleCount - list.varyingRuleCount
            } else {
                tests = Int(list.testStart)..<Int(list.laterTestStart)
                stats.rulesVisited += list.ruleCount
            }
            // The rules to test start set; a later event's turn-fixed ones as the first event left them.
            let start = recalling ? later : full
            let offset = plan.dispatch.fixedOffset
            let anyLeft: Bool
            if words == 2 {
                // Word by word: a copy loop or `update(from:)` becomes a call to `memcpy`.
                var low = start[0], high = start[1]
                if recalling {
                    low |= state.words[offset]
                    if list.fixedWords > 1 { high |= state.words[offset + 1] }
                }
                (low, high) = clearFailing(tests, low: low, high: high)
                bits[0] = low
                bits[1] = high
                anyLeft = low | high != 0
            } else {
                bits.update(from: start, count: words)
                if recalling {
                    for word in 0..<Int(list.fixedWords) { bits[word] |= state.words[offset + word] }
                }
                anyLeft = clearFailing(tests, in: bits, words: words)
            }
            if noting { noteFixedBits(bits, count: Int(list.fixedWords)) }
            // Most events fire nothing: the shared `continue` decision.
            if !anyLeft { return plan.proceed }
            let firings = noteFirings(list, bits: bits, guardShift: guardShift, into: notes, later: scratch + plan.dispatch.laterNoteOffset)
            return decision(firings: firings, holdingGuard: holdingGuard, trace: nil, scratch: notes, texts: texts)
        }
        stats.rulesVisited += list.ruleCount
        var traces: [(rank: Int, trace: RuleTrace)] = []
        let firings = noteFiringsExplained(list, guardShift: guardShift, into: notes, traces: &traces)
        SmallSort.sort(UnsafeMutableBufferPointer(start: notes, count: firings))
        let trace = traces.sorted { $0.rank < $1.rank }.map(\.trace)
        return decision(firings: firings, holdingGuard: holdingGuard, trace: trace, scratch: notes, texts: texts)
    }

    /// The decision of a turn whose firing rules are noted in `scratch`, in rank order.
    private mutating func decision(
        firings: Int, holdingGuard: GuardHold.Guard?, trace: [RuleTrace]?,
        scratch: UnsafeMutablePointer<Int32>, texts: UnsafeMutablePointer<String>
    ) -> Decision {
        // The notes name their rules; the first acting rule that fired and
        // was not held decides the turn.
        var winner = -1
        var firedCount = 0, heldCount = 0
        var tagBits: UInt64 = 0
        for slot in 0..<firings {
            let note = scratch[slot]
            let ranked = plan.dispatch.ranked[Int(note >> 2)]
            let rule = ranked.rule
            scratch[slot] = rule << 2 | note & 3
            tagBits |= note & 3 == Firing.shadow.rawValue ? 0 : ranked.tagBits
            firedCount &+= note & 3 == Firing.fired.rawValue ? 1 : 0
            heldCount &+= note & 3 == Firing.held.rawValue ? 1 : 0
            if winner < 0, note & 3 == Firing.fired.rawValue { winner = Int(rule) }
        }
        let shadowCount = firings - firedCount - heldCount
        let notes = UnsafeMutableBufferPointer(start: scratch, count: firings)
        // The tags of the fired and held rules, sorted and once each, go after the notes.
        let tags = shadowCount == firings ? 0 : collectTags(notes, bits: tagBits, into: scratch + firings)
        let action = winner >= 0 ? plan.actions[winner] : nil
        if let action, action.outcome == .escalate, !state.flags.contains(.escalatedThisTurn) {
            state.flags.insert(.escalatedThisTurn)
            if state.escalationCounter < .max { state.escalationCounter += 1 }
        }
        // The winner's placeholder texts wait in `texts` while the decision is sized and written.
        let rendered = renderTexts(of: action, into: texts)
        defer { rendered.release() }
        let heldGuard = holdingGuard ?? .cooldown
        // One initialiser call on one path, the values moved in: the inlined
        // initialiser writes them, and then the numbers and the rendered
        // texts, straight into the decision's one storage object.
        return Decision(
            outcome: action?.outcome ?? .continue, winner: Int32(winner), naming: nil,
            reasonBytes: rendered.reasonBytes, messageBytes: rendered.messageBytes, trace: trace,
            table: plan.names, fired: firedCount, held: heldCount, shadow: shadowCount, tags: tags
        ) { codes, text in
            // Each list in conflict order, then the tags, then the texts.
            var firedSlot = 0, heldSlot = firedCount, shadowSlot = firedCount + heldCount
            for note in notes {
                let rule = note >> 2
                switch Firing(rawValue: note & 3)! {
                case .fired:
                    codes[firedSlot] = rule
                    firedSlot += 1
                case .held:
                    codes[heldSlot] = DecisionNameTable.heldCode(rule: rule, by: heldGuard)
                    heldSlot += 1
                case .shadow:
                    codes[shadowSlot] = DecisionNameTable.shadowCode(rule: rule, outcome: rules[Int(rule)].outcome)
                    shadowSlot += 1
                }
            }
            let tagIDs = scratch + firings
            for slot in 0..<tags { codes[shadowSlot + slot] = tagIDs[slot] }
            rendered.write(to: text)
        }
    }

    /// Clears the bits of the rules that the tests `range` of the dispatch
    /// tables rule out; returns whether any of the list's `words` has a bit
    /// left. A test none of whose rules is left is not evaluated.
    @inline(__always)
    private mutating func clearFailing(_ range: Range<Int>, in bits: UnsafeMutablePointer<UInt64>, words: Int) -> Bool {
        let tests = plan.dispatch.tests, masks = plan.dispatch.masks
        for index in range {
            let test = tests[index]
            var left: UInt64 = 0
            for slot in Int(test.maskStart)..<Int(test.maskEnd) { left |= bits[Int(masks[slot].word)] & masks[slot].bits }
            guard left != 0, !holds(NodeID(rawValue: test.node)) else { continue }
            for slot in Int(test.maskStart)..<Int(test.maskEnd) { bits[Int(masks[slot].word)] &= ~masks[slot].bits }
        }
        var left: UInt64 = 0
        for word in 0..<words { left |= bits[word] }
        return left != 0
    }

    /// `clearFailing` for a list of up to two words, held in registers.
    @inline(__always)
    private mutating func clearFailing(_ range: Range<Int>, low: UInt64, high: UInt64) -> (UInt64, UInt64) {
        let tests = plan.dispatch.tests
        var low = low, high = high
        for index in range {
            let test = tests[index]
            guard low & test.low | high & test.high != 0, !holds(NodeID(rawValue: test.node)) else { continue }
            low &= ~test.low
            high &= ~test.high
        }
        return (low, high)
    }

    /// Keeps the turn-fixed rules' bits, the list's first `count` words, in
    /// the state for the turn's later events. A word the second run shares
    /// is kept whole: its later events start with all of that run set anyway.
    private mutating func noteFixedBits(_ bits: UnsafeMutablePointer<UInt64>, count: Int) {
        state.flags.insert(.fixedNoted)
        let offset = plan.dispatch.fixedOffset
        state.words.withUnsafeMutableBufferPointer { words in
            for word in 0..<count { words[offset + word] = bits[word] }
        }
    }

    /// Notes the rules whose bits are left, in rank order: each run of the
    /// list's bits is in conflict order, so the second run's notes (written
    /// at `later`) are merged into the first's from the end. Returns the count.
    @inline(__always)
    private func noteFirings(
        _ list: ListEntry, bits: UnsafeMutablePointer<UInt64>, guardShift: Int32,
        into notes: UnsafeMutablePointer<Int32>, later: UnsafeMutablePointer<Int32>
    ) -> Int {
        let candidates = plan.dispatch.candidates.baseAddress! + Int(list.candidateStart)
        let split = Int(list.fixedCount), end = list.ruleCount
        let first = Self.note(bits, 0..<split, of: candidates, guardShift: guardShift, into: notes)
        if first == 0 { return Self.note(bits, split..<end, of: candidates, guardShift: guardShift, into: notes) }
        let second = Self.note(bits, split..<end, of: candidates, guardShift: guardShift, into: later)
        var from = first - 1, taken = second - 1, slot = first + second - 1
        while taken >= 0 {
            if from >= 0, notes[from] > later[taken] {
                notes[slot] = notes[from]
                from -= 1
            } else {
                notes[slot] = later[taken]
                taken -= 1
            }
            slot -= 1
        }
        return first + second
    }

    /// Notes the candidates whose bits in `range` are set, in order.
    @inline(__always)
    private static func note(
        _ bits: UnsafeMutablePointer<UInt64>, _ range: Range<Int>, of candidates: UnsafeMutablePointer<Candidate>,
        guardShift: Int32, into notes: UnsafeMutablePointer<Int32>
    ) -> Int {
        var count = 0
        guard !range.isEmpty else { return 0 }
        for word in range.lowerBound >> 6...(range.upperBound - 1) >> 6 {
            var set = bits[word]
            // Only the range's bits of its first and last words.
            if word == range.lowerBound >> 6 { set &= ~0 << UInt64(range.lowerBound & 63) }
            if word == (range.upperBound - 1) >> 6, range.upperBound & 63 != 0 { set &= (1 << UInt64(range.upperBound & 63)) - 1 }
            while set != 0 {
                let bit = word << 6 | set.trailingZeroBitCount
                set &= set &- 1
                notes[count] = candidates[bit].note(guardShift: guardShift)
                count += 1
            }
        }
        return count
    }

    /// Visits every rule of `list`, tracing it, and notes those that fire.
    private mutating func noteFiringsExplained(
        _ list: ListEntry, guardShift: Int32, into notes: UnsafeMutablePointer<Int32>,
        traces: inout [(rank: Int, trace: RuleTrace)]
    ) -> Int {
        let candidates = plan.dispatch.candidates
        var firings = 0
        for position in Int(list.candidateStart)..<Int(list.candidateStart) + list.ruleCount {
            let candidate = candidates[position]
            let fires = candidate.residualCount >= 0
                ? every(from: Int(candidate.test), count: Int(candidate.residualCount))
                : holds(NodeID(rawValue: candidate.test))
            traces.append((Int(candidate.rank), trace(ofRule: Int(candidate.rule), fired: fires)))
            guard fires else { continue }
            notes[firings] = candidate.note(guardShift: guardShift)
            firings += 1
        }
        return firings
    }

    /// Collects the tag ids of the fired and held rules in `notes` into
    /// `buffer`, sorted (ids sort as their names) and without duplicates;
    /// returns how many. `bits`: the union of their tag bits, when the
    /// tags fit them (`Plan.tagsFitBits`).
    private func collectTags(_ notes: UnsafeMutableBufferPointer<Int32>, bits: UInt64, into buffer: UnsafeMutablePointer<Int32>) -> Int {
        var count = 0
        if plan.tagsFitBits {
            var bits = bits
            while bits != 0 {
                buffer[count] = Int32(bits.trailingZeroBitCount)
                count += 1
                bits &= bits - 1
            }
            return count
        }
        for note in notes where note & 3 != Firing.shadow.rawValue {
            let hot = rules[Int(note >> 2)]
            for offset in 0..<Int(hot.tagCount) {
                buffer[count] = plan.tagIDs[Int(hot.tagStart) + offset]
                count += 1
            }
        }
        SmallSort.sort(UnsafeMutableBufferPointer(start: buffer, count: count))
        var unique = 0
        for slot in 0..<count where unique == 0 || buffer[slot] != buffer[unique - 1] {
            buffer[unique] = buffer[slot]
            unique += 1
        }
        return unique
    }

    /// The guard that holds back escalations and handoff offers this turn, if any.
    private func activeGuard() -> GuardHold.Guard? {
        if state.flags.contains(.inCooldown) { return .cooldown }
        if let limit = graph.guards.maxEscalations {
            // An escalation earlier in this same turn does not hold back the turn's later events.
            let before = state.escalations - (state.flags.contains(.escalatedThisTurn) ? 1 : 0)
            if before >= limit { return .maxEscalations }
        }
        return nil
    }
}
