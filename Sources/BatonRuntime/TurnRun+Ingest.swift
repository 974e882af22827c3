import BatonCore
import BatonGraph

/// Folding an event into the session: a customer message opens a turn; API
/// results, tool calls and metadata of any event join the current turn.
extension TurnRun {
    mutating func ingest(_ event: TurnEvent) {
        let opensTurn = event.role == .customer
        if opensTurn { openTurn(event) } else { message = state.turn.message }
        if !event.metadata.isEmpty, !state.metadata.isEmpty { mergeMetadata(event.metadata) }
        if !event.apiResults.isEmpty { foldResults(event.apiResults) }
        if !event.toolCalls.isEmpty { foldToolCalls(event.toolCalls) }
        if event.role == .operator, event.handBack { startCooldown() }
        // Per-turn conditions tracked for windows: a new turn computes all of
        // them; later events of the turn only those that read API results or tool calls.
        if opensTurn {
            updateTracks(event.apiResults.isEmpty ? plan.tracksWithoutResults : plan.tracks)
        } else if state.turn.hasCustomerTurn {
            updateTracks(plan.resultTracks)
        }
    }

    /// Sets the current-turn bit of each of `tracks`, 64 at a time: all are
    /// evaluated first, then written in one pass over the state's words
    /// (one uniqueness check, where a write per track made one each).
    private mutating func updateTracks(_ tracks: UnsafeMutableBufferPointer<TrackSlot>) {
        var start = 0
        while start < tracks.count {
            let end = min(start + 64, tracks.count)
            var held: UInt64 = 0
            for index in start..<end where holdsTrack(tracks[index].node) { held |= 1 << UInt64(index - start) }
            state.words.withUnsafeMutableBufferPointer { words in
                for index in start..<end {
                    let word = Int(tracks[index].word)
                    words[word] = words[word] & ~1 | held >> UInt64(index - start) & 1
                }
            }
            start = end
        }
    }

    /// `holds` for a track's node, with the kinds most tracks are (an API
    /// call's failure, any failure) worked out in place: a track is
    /// evaluated on every event, where a call to `evaluate` and its jump
    /// on the node's kind cost more than the test.
    @inline(__always)
    private mutating func holdsTrack(_ node: NodeID) -> Bool {
        let index = node.index
        let known = memo[index]
        if known != 0 { return known == 2 }
        let hot = hotNodes[index]
        switch hot.kind {
        case .failedAPI: return remember(index, failedAPIHolds(hot))
        case .failedAny: return remember(index, failedAnyHolds(hot))
        default: return holds(node)
        }
    }

    private mutating func openTurn(_ event: TurnEvent) {
        // The layout is passed unretained: a local reference to it was
        // retained and released around the calls that take it.
        Unmanaged.passUnretained(plan.layout)._withUnsafeGuaranteedRef { openTurn(event, layout: $0) }
    }

    private mutating func openTurn(_ event: TurnEvent, layout: StateLayout) {
        if state.turnCounter < .max { state.turnCounter += 1 }
        state.flags.subtract([.escalatedThisTurn, .fixedNoted])
        if state.cooldownRemaining > 0 {
            state.flags.insert(.inCooldown)
            state.cooldownRemaining -= 1
        } else {
            state.flags.remove(.inCooldown)
        }
        state.shiftTracks(layout: layout)

        // Reset the turn in place so the API buffer keeps its capacity.
        state.turn.hasCustomerTurn = true
        state.turn.anyFailure = []
        state.turn.toolBits = 0
        if !state.turn.moreTools.isEmpty { state.turn.moreTools.removeAll() }
        // Fields already empty are left alone: clearing one releases its old value, even nil.
        if state.turn.toolSummary != nil { state.turn.toolSummary = nil }
        // One at a time: `removeAll(keepingCapacity:)` takes a generic path
        // that costs more than the one or two records a turn keeps.
        while !state.turn.apis.isEmpty { state.turn.apis.removeLast() }
        // The text is unwrapped before it is stored: `String?` assigned as
        // a whole was copied through the runtime's generic value witnesses.
        // The run's `message` starts nil, and a turn keeps its text only when a rule reads it.
        if let text = event.text {
            message = text
            if layout.keepsMessage { state.turn.message = text } else if state.turn.message != nil { state.turn.message = nil }
        } else if state.turn.message != nil {
            state.turn.message = nil
        }
        state.turn.phraseScan = .notYet
        for word in 0..<layout.patternWords { state.words[layout.patternOffset + word] = 0 }
        state.turn.sentiment = CurrentTurn.notScored
        if state.turn.unknownIntentName != nil { state.turn.unknownIntentName = nil }
        if let top = event.topIntentIndex {
            if let id = plan.intentIndex.slot(of: event.intents[top].name) {
                state.turn.intent = UInt16(id)
            } else {
                state.turn.intent = CurrentTurn.unknownIntent
                state.turn.unknownIntentName = event.intents[top].name
            }
            let score = event.intents[top].confidence
            let confidence = score.isFinite ? min(max(score, 0), 1) : 0
            state.turn.confidence = StateLayout.fixedPoint(confidence)
        } else {
            state.turn.intent = CurrentTurn.noIntent
            state.turn.confidence = 0
        }
        // A turn without intents counts as confidence 0 in windows.
        state.push(state.turn.confidence, signal: .confidence, layout: layout)
        if layout.eagerSentiment {
            state.turn.sentiment = scoreMessage()
            state.push(state.turn.sentiment, signal: .sentiment, layout: layout)
        }
    }

    private mutating func mergeMetadata(_ metadata: [String: Value]) {
        for (key, value) in metadata {
            guard let slot = plan.metadataIndex.slot(of: key) else { continue }
            state.metadata[slot] = value
        }
    }

    private mutating func foldResults(_ results: [APIResult]) {
        for result in results {
            let flags = APIRecord.Flags(result)
            state.turn.anyFailure.formUnion(flags.subtracting(.called))
            guard let slot = plan.apiIndex.slot(of: result.api) else { continue }
            // The latest result of an API in a turn replaces earlier ones.
            let http = result.httpStatus.map { Int16(clamping: $0) } ?? 0
            state.turn.keep(APIRecord(
                status: result.status, errorCode: result.errorCode, httpStatus: http, flags: flags, slot: UInt16(slot)))
        }
    }

    private mutating func foldToolCalls(_ calls: [ToolCall]) {
        for call in calls {
            if call.name == "escalate_to_human" {
                if case .string(let summary)? = call.arguments["summary"] { state.turn.toolSummary = summary }
            }
            guard let slot = plan.toolIndex.slot(of: call.name) else { continue }
            if slot < 64 {
                state.turn.toolBits |= 1 << UInt64(slot)
            } else if !state.turn.moreTools.contains(slot) {
                state.turn.moreTools.append(slot)
            }
        }
    }

    private mutating func startCooldown() {
        guard let turns = graph.guards.cooldownTurns, turns > 0 else { return }
        // The hand-back event itself and the next `turns` customer turns are held.
        state.flags.insert(.inCooldown)
        state.cooldownRemaining = UInt16(clamping: turns)
    }
}

/// A tracked per-turn condition: its node, and the state word whose bit 0
/// is its current turn (see `StateLayout.trackOffset`).
struct TrackSlot {
    let node: NodeID
    let word: Int32
}
