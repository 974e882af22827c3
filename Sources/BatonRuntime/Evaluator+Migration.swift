import BatonCore
public import BatonGraph

/// Moving a session to a reloaded graph. What both graphs understand is
/// kept: counters, guards, metadata by field name, the current turn, the
/// sentiment and confidence histories (re-summed), and the bit histories of
/// tracked conditions that read the same in both graphs. Conditions new in
/// the reloaded rules start their history at the reload.
extension Evaluator {
    /// `old` (made for `oldGraph`) rebuilt for this evaluator's graph.
    public func migrate(_ old: SessionState, from oldGraph: DecisionGraph) -> SessionState {
        if oldGraph === graph { return old }
        let oldLayout = StateLayout(oldGraph)
        let layout = plan.layout
        var state = makeState()
        state.turnCounter = old.turnCounter
        state.escalationCounter = old.escalationCounter
        state.cooldownRemaining = old.cooldownRemaining
        // The fixed-rule bits number the old rules: the next event tests every rule.
        state.flags = old.flags.subtracting(.fixedNoted)
        for (slot, field) in graph.metadataFields.enumerated() {
            if let oldSlot = oldGraph.metadataSlots[field.name] { state.metadata[slot] = old.metadata[oldSlot] }
        }
        state.turn = migrateTurn(old.turn, from: oldGraph, keepsMessage: layout.keepsMessage)

        // Histories: replay the values both rings hold, oldest first.
        for signal in [TurnSignal.sentiment, .confidence] {
            let oldRing = oldLayout.ring(for: signal)
            let ring = layout.ring(for: signal)
            guard ring.exists else { continue }
            let turns = min(ring.length, oldRing.length, old.turnCount)
            let first = old.turnCount - turns + 1
            var replay = state
            replay.turnCounter = UInt32(max(first - 1, 0))
            for turn in stride(from: first, through: old.turnCount, by: 1) where turns > 0 {
                replay.turnCounter += 1
                replay.push(old.ringValue(oldRing, turn: turn), signal: signal, layout: layout)
            }
            state.words = replay.words
        }
        // Track bits of conditions that read the same in both graphs.
        var oldTracks: [String: Int] = [:]
        for index in oldGraph.tracks.indices { oldTracks[oldGraph.describe(oldGraph.tracks[index].node)] = index }
        for index in graph.tracks.indices {
            guard let oldIndex = oldTracks[graph.describe(graph.tracks[index].node)] else { continue }
            state.words[layout.trackOffset + index] = old.trackBits(oldIndex, layout: oldLayout)
            if let bit = layout.stickyIndex[index], old.sticky(oldIndex, layout: oldLayout) {
                state.words[layout.stickyOffset + bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        return state
    }

    private func migrateTurn(_ old: CurrentTurn, from oldGraph: DecisionGraph, keepsMessage: Bool) -> CurrentTurn {
        var turn = old
        if old.intent < CurrentTurn.unknownIntent {
            let name = oldGraph.intents[Int(old.intent)]
            if let id = graph.intentIDs[name] {
                turn.intent = id
            } else {
                turn.intent = CurrentTurn.unknownIntent
                turn.unknownIntentName = name
            }
        } else if old.intent == CurrentTurn.unknownIntent, let name = old.unknownIntentName, let id = graph.intentIDs[name] {
            turn.intent = id
            turn.unknownIntentName = nil
        }
        if !keepsMessage { turn.message = nil }
        // Per-turn message results are not carried over: with the message
        // dropped by the old rules, message tests of the new ones read it as
        // missing until the next customer message.
        turn.phraseScan = .notYet
        turn.apis = []
        for var record in old.apis {
            guard let slot = graph.apiSlots[oldGraph.apis[Int(record.slot)].name] else { continue }
            record.slot = UInt16(slot)
            turn.apis.append(record)
        }
        turn.toolBits = 0
        turn.moreTools = []
        for (oldSlot, name) in oldGraph.tools.enumerated() where old.toolCalled(oldSlot) {
            guard let slot = graph.toolSlots[name] else { continue }
            if slot < 64 { turn.toolBits |= 1 << UInt64(slot) } else { turn.moreTools.append(slot) }
        }
        return turn
    }
}
