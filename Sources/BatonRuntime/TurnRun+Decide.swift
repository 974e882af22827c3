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
            let noting = list.pointee.fixedCount != 0 && !state.flags.contains(.fixedNoted)
            let recalling = list.pointee.fixedCount != 0 && !noting
            if recalling {
                // A later event of the turn: its turn-fixed rules fire as they did.
                stats.rulesVisited += Int(list.pointee.varyingRuleCount)
                stats.rulesRecalled += Int(list.pointee.ruleCount - list.pointee.varyingRuleCount)
            } else {
                stats.rulesVisited += Int(list.pointee.ruleCount)
            }
            let tests = recalling ? list.pointee.laterTests : list.pointee.firstTests
            let firstTests = Int(tests.sharedStart)..<Int(tests.sharedEnd), secondTests = Int(tests.ownStart)..<Int(tests.ownEnd)
            let offset = plan.dispatch.fixedOffset
            let anyLeft: Bool
            if list.pointee.words == 2 {
                // Every rule set, or on a later event the second runs set and
                // the fixed rules as the first event left them.
                var (low, high) = recalling ? list.pointee.later : list.pointee.full
                if recalling {
                    if list.pointee.lowFixedWord >= 0 { low |= state.words[offset + Int(list.pointee.lowFixedWord)] }
                    if list.pointee.highFixedWord >= 0 { high |= state.words[offset + Int(list.pointee.highFixedWord)] }
                }
                (low, high) = clearFailing(firstTests, low: low, high: high)
                (low, high) = clearFailing(secondTests, low: low, high: high)
                bits[0] = low
                bits[1] = high
                anyLeft = low | high != 0
            } else {
                // Each segment's words, as above.
                let shared = plan.dispatch.shared, own = list.pointee.own
                let full = plan.dispatch.fullWords.baseAddress!
                let sharedWords = Int(shared.words), sharedFixed = shared.fixedWords
                bits.update(from: full + Int(shared.fullStart) + (recalling ? sharedWords : 0), count: sharedWords)
                (bits + sharedWords).update(from: full + Int(own.fullStart) + (recalling ? Int(own.words) : 0), count: Int(own.words))
                if recalling {
                    for word in 0..<sharedFixed { bits[word] |= state.words[offset + word] }
                    for word in 0..<own.fixedWords { bits[sharedWords + word] |= state.words[offset + sharedFixed + word] }
                }
                clearFailing(firstTests, in: bits)
                clearFailing(secondTests, in: bits)
                var left: UInt64 = 0
                for word in 0..<Int(list.pointee.words) { left |= bits[word] }
                anyLeft = left != 0
            }
            if noting { noteFixedBits(bits, own: list.pointee.own) }
            // Most events fire nothing: the shared `continue` decision.
            if !anyLeft { return plan.proceed }
            let firings = noteFirings(list, bits: bits, guardShift: guardShift, into: notes, later: scratch + plan.dispatch.laterNoteOffset)
            return decision(firings: firings, holdingGuard: holdingGuard, trace: nil, scratch: notes, texts: texts)
        }
        stats.rulesVisited += Int(list.pointee.ruleCount)
        var traces: [(rank: Int, trace: RuleTrace)] = []
        let firings = noteFiringsExplained(list.pointee, guardShift: guardShift, into: notes, traces: &traces)
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
    /// tables rule out. A test none of whose rules is left is not evaluated.
    @inline(__always)
    private mutating func clearFailing(_ range: Range<Int>, in bits: UnsafeMutablePointer<UInt64>) {
        let tests = plan.dispatch.tests, masks = plan.dispatch.masks
        for index in range {
            let test = tests[index]
            var left: UInt64 = 0
            for slot in Int(test.maskStart)..<Int(test.maskEnd) { left |= bits[Int(masks[slot].word)] & masks[slot].bits }
            guard left != 0, !holds(NodeID(rawValue: test.node)) else { continue }
            for slot in Int(test.maskStart)..<Int(test.maskEnd) { bits[Int(masks[slot].word)] &= ~masks[slot].bits }
        }
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

    /// Keeps the turn-fixed rules' bits, each segment's first words, in the
    /// state for the turn's later events. A word a segment's second run
    /// shares is kept whole: its later events start with all of that run set anyway.
    private mutating func noteFixedBits(_ bits: UnsafeMutablePointer<UInt64>, own: Segment) {
        state.flags.insert(.fixedNoted)
        let offset = plan.dispatch.fixedOffset, sharedFixed = plan.dispatch.shared.fixedWords
        state.words.withUnsafeMutableBufferPointer { words in
            for word in 0..<sharedFixed { words[offset + word] = bits[word] }
            for word in 0..<own.fixedWords { words[offset + sharedFixed + word] = bits[Int(own.firstWord) + word] }
        }
    }

    /// Notes the rules whose bits are left, in rank order, and returns how
    /// many: a narrow list sets each one's place in its conflict order
    /// (`ListEntry.orderStart`) and reads the places back in order; a longer
    /// one merges its runs (`ListEntry.runs`), each in conflict order.
    private func noteFirings(
        _ list: UnsafeMutablePointer<ListEntry>, bits: UnsafeMutablePointer<UInt64>, guardShift: Int32,
        into notes: UnsafeMutablePointer<Int32>, later: UnsafeMutablePointer<Int32>
    ) -> Int {
        let candidates = plan.dispatch.candidates.baseAddress!
        if list.pointee.orderStart >= 0 {
            // A narrow list: each bit set at its place, then the places read in order.
            let order = plan.dispatch.order.baseAddress! + Int(list.pointee.orderStart)
            let places = bits + 2
            places[0] = 0
            places[1] = 0
            for word in 0..<2 {
                var set = bits[word]
                while set != 0 {
                    let place = Int(order[word << 6 | set.trailingZeroBitCount])
                    set &= set &- 1
                    places[place >> 6] |= 1 << UInt64(place & 63)
                }
            }
            let byPlace = plan.dispatch.places.baseAddress! + Int(list.pointee.placeStart)
            var count = 0
            for word in 0..<2 {
                var set = places[word]
                while set != 0 {
                    notes[count] = candidates[Int(byPlace[word << 6 | set.trailingZeroBitCount])].note(guardShift: guardShift)
                    set &= set &- 1
                    count += 1
                }
            }
            return count
        }
        let runs = list.pointee.runs
        var count = Self.note(bits, runs.0, of: candidates, guardShift: guardShift, into: notes)
        // A run's notes go straight into `notes` while it holds none.
        func add(_ run: ListEntry.Run) {
            guard run.start < run.end else { return }
            let added = Self.note(bits, run, of: candidates, guardShift: guardShift, into: count == 0 ? notes : later)
            if count > 0 { Self.merge(later, count: added, into: notes, after: count) }
            count += added
        }
        add(runs.1)
        add(runs.2)
        add(runs.3)
        return count
    }

    /// Merges `count` notes at `run` into the `length` notes at `notes`,
    /// both in rank order, from the end, in place.
    @inline(__always)
    private static func merge(_ run: UnsafeMutablePointer<Int32>, count: Int, into notes: UnsafeMutablePointer<Int32>, after length: Int) {
        var from = length - 1, taken = count - 1, slot = length + count - 1
        while taken >= 0 {
            if from >= 0, notes[from] > run[taken] {
                notes[slot] = notes[from]
                from -= 1
            } else {
                notes[slot] = run[taken]
                taken -= 1
            }
            slot -= 1
        }
    }

    /// Notes the candidates of `run` whose bits are set, in order.
    @inline(__always)
    private static func note(
        _ bits: UnsafeMutablePointer<UInt64>, _ run: ListEntry.Run, of candidates: UnsafeMutablePointer<Candidate>,
        guardShift: Int32, into notes: UnsafeMutablePointer<Int32>
    ) -> Int {
        var count = 0
        let start = Int(run.start), end = Int(run.end), base = Int(run.base)
        guard start < end else { return 0 }
        for word in start >> 6...(end - 1) >> 6 {
            var set = bits[word]
            // Only the run's bits of its first and last words.
            if word == start >> 6 { set &= ~0 << UInt64(start & 63) }
            if word == (end - 1) >> 6, end & 63 != 0 { set &= (1 << UInt64(end & 63)) - 1 }
            while set != 0 {
                let bit = word << 6 | set.trailingZeroBitCount
                set &= set &- 1
                notes[count] = candidates[base + bit].note(guardShift: guardShift)
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
        func visit(_ segment: Segment) {
            for position in Int(segment.candidateStart)..<Int(segment.candidateStart) + segment.ruleCount {
                let candidate = candidates[position]
                let fires = candidate.residualCount >= 0
                    ? every(from: Int(candidate.test), count: Int(candidate.residualCount))
                    : holds(NodeID(rawValue: candidate.test))
                traces.append((Int(candidate.rank), trace(ofRule: Int(candidate.rule), fired: fires)))
                guard fires else { continue }
                notes[firings] = candidate.note(guardShift: guardShift)
                firings += 1
            }
        }
        visit(plan.dispatch.shared)
        visit(list.own)
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
