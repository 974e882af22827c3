import BatonCore
import BatonGraph

/// Conflict resolution, loop guards and the decision.
extension TurnRun {
    /// Decides the turn. `scratch` holds `plan.dispatch.scratchSlots` slots: firing
    /// rules are noted there as the loop finds them (no array grows per
    /// rule), and written once as numbers into the decision's storage.
    /// `texts` holds `plan.textSlots` slots for the winner's placeholder texts.
    mutating func decide(scratch: UnsafeMutablePointer<Int32>, texts: UnsafeMutablePointer<String>) -> Decision {
        let list = plan.dispatch.list(forIntent: state.turn.intent)
        let holdingGuard = activeGuard()
        let guardShift: Int32 = holdingGuard == nil ? 0 : 2
        guard explain else {
            var firings = 0
            if list.entry.fixedGroups == 0 {
                // No turn-fixed rules to note or recall (most lists of a small set).
                stats.rulesVisited += list.ruleCount
            } else if state.flags.contains(.fixedNoted) {
                // A later event of the turn: its turn-fixed rules fire as they did.
                firings = recallFixedFirings(list, guardShift: guardShift, into: scratch)
                stats.rulesVisited += list.varyingRuleCount
                stats.rulesRecalled += list.ruleCount - list.varyingRuleCount
            } else {
                firings = noteFixedFirings(list, guardShift: guardShift, into: scratch)
                stats.rulesVisited += list.ruleCount
            }
            firings = noteFirings(list.varying, guardShift: guardShift, into: scratch, after: firings)
            // Most events fire nothing: the shared `continue` decision.
            if firings == 0 { return plan.proceed }
            return decision(firings: firings, holdingGuard: holdingGuard, trace: nil, scratch: scratch, texts: texts)
        }
        stats.rulesVisited += list.ruleCount
        var traces: [(rank: Int, trace: RuleTrace)] = []
        let firings = noteFiringsExplained(list, guardShift: guardShift, into: scratch, traces: &traces)
        let trace = traces.sorted { $0.rank < $1.rank }.map(\.trace)
        return decision(firings: firings, holdingGuard: holdingGuard, trace: trace, scratch: scratch, texts: texts)
    }

    /// The decision of a turn whose firing rules are noted in `scratch`.
    private mutating func decision(
        firings: Int, holdingGuard: GuardHold.Guard?, trace: [RuleTrace]?,
        scratch: UnsafeMutablePointer<Int32>, texts: UnsafeMutablePointer<String>
    ) -> Decision {
        // Back to conflict order: notes sort by rank, then name their rules.
        // The first acting rule that fired and was not held decides the turn.
        plan.dispatch.sortByRank(UnsafeMutableBufferPointer(start: scratch, count: firings), scratch: scratch)
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

    /// Notes the firing rules of `groups` in `scratch` from slot `firings`
    /// on (see `Candidate.note`); returns the count of notes. The rule loop
    /// of every event: it keeps nothing live but the count, and a group
    /// whose first test fails (a threshold, an error count or a tier shared
    /// by many rules) is passed over without reading its entries.
    @inline(__always)
    private mutating func noteFirings(
        _ groups: UnsafeMutableBufferPointer<CandidateGroup>, guardShift: Int32, into scratch: UnsafeMutablePointer<Int32>,
        after firings: Int
    ) -> Int {
        var unused: UInt64 = 0
        return noteFirings(groups, guardShift: guardShift, into: scratch, after: firings, settingBits: false, firstWord: &unused)
    }

    /// `noteFirings`; with `settingBits` (the groups are turn-fixed), each
    /// firing rule's bit is set too: in `firstWord` when it is one of the
    /// first 64 (most sets have no more), else in the state.
    @inline(__always)
    private mutating func noteFirings(
        _ groups: UnsafeMutableBufferPointer<CandidateGroup>, guardShift: Int32, into scratch: UnsafeMutablePointer<Int32>,
        after firings: Int, settingBits: Bool, firstWord: inout UInt64
    ) -> Int {
        let candidates = plan.dispatch.candidates
        var firings = firings
        for group in groups where holds(NodeID(rawValue: group.firstTest)) {
            for position in Int(group.start)..<Int(group.end) {
                let candidate = candidates[position]
                guard fires(candidate) else { continue }
                scratch[firings] = candidate.note(guardShift: guardShift)
                firings += 1
                guard settingBits else { continue }
                let bit = Int(group.bit) + position - Int(group.start)
                if bit < 64 {
                    firstWord |= 1 << UInt64(bit)
                } else {
                    state.words[plan.dispatch.fixedOffset + bit >> 6] |= 1 << UInt64(bit & 63)
                }
            }
        }
        return firings
    }

    /// As `noteFirings` over `list`'s turn-fixed rules, noting which fire in
    /// the state for the turn's later events; returns the count of notes.
    private mutating func noteFixedFirings(
        _ list: DispatchList, guardShift: Int32, into scratch: UnsafeMutablePointer<Int32>
    ) -> Int {
        let offset = plan.dispatch.fixedOffset, words = plan.dispatch.fixedWords
        state.flags.insert(.fixedNoted)
        guard words > 0 else { return 0 }
        for word in 1..<words { state.words[offset + word] = 0 }
        var firstWord: UInt64 = 0
        let firings = noteFirings(list.fixed, guardShift: guardShift, into: scratch, after: 0, settingBits: true, firstWord: &firstWord)
        state.words[offset] = firstWord
        return firings
    }

    /// Notes the turn-fixed rules of `list` whose bits the turn's first
    /// evaluation set, with this event's guard; returns the count of notes.
    /// Mutating only so the run is passed in place: a plain method was
    /// given a copy of it.
    private mutating func recallFixedFirings(_ list: DispatchList, guardShift: Int32, into scratch: UnsafeMutablePointer<Int32>) -> Int {
        let offset = plan.dispatch.fixedOffset
        var firings = 0
        for word in 0..<plan.dispatch.fixedWords {
            var bits = state.words[offset + word]
            while bits != 0 {
                let bit = word << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                scratch[firings] = plan.dispatch.fixedCandidate(bit: bit, in: list).note(guardShift: guardShift)
                firings += 1
            }
        }
        return firings
    }

    /// As `noteFirings`, visiting every rule of `list` and tracing it.
    private mutating func noteFiringsExplained(
        _ list: DispatchList, guardShift: Int32, into scratch: UnsafeMutablePointer<Int32>,
        traces: inout [(rank: Int, trace: RuleTrace)]
    ) -> Int {
        let candidates = plan.dispatch.candidates
        var firings = 0
        for group in list.all {
            for position in Int(group.start)..<Int(group.end) {
                let candidate = candidates[position]
                let fires = fires(candidate)
                traces.append((Int(candidate.rank), trace(ofRule: Int(candidate.rule), fired: fires)))
                guard fires else { continue }
                scratch[firings] = candidate.note(guardShift: guardShift)
                firings += 1
            }
        }
        return firings
    }

    /// Whether a candidate's rule fires, its dispatch given.
    @inline(__always)
    private mutating func fires(_ candidate: Candidate) -> Bool {
        candidate.residualCount >= 0
            ? every(from: Int(candidate.test), count: Int(candidate.residualCount))
            : holds(NodeID(rawValue: candidate.test))
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
        RankSort.comparing(UnsafeMutableBufferPointer(start: buffer, count: count))
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
