import BatonCore

/// Reads JSON Lines transcripts: one `TurnEvent` per line, in its JSON form
/// (`session_id`, `role`, `text`, `intents`, `api_results`, `tool_calls`,
/// `metadata`, `timestamp`, `hand_back`). Blank lines are skipped. Events
/// are grouped into conversations by `session_id`, in order of first
/// appearance, so an export of interleaved chats reads as several
/// transcripts; events without one belong to the file's own session.
enum JSONLTranscriptDecoder {
    static func decode(_ source: SourceFile, limits: TranscriptLimits = .default) -> TranscriptFileResult {
        var state = Grouping(fallback: TranscriptFiles.stem(of: source.path), path: source.path)
        var reader = YAMLReader(source: source, limits: limits)
        source.bytes.withUnsafeBufferPointer { buffer in
            var lineNumber = 0
            var start = 0
            while start < buffer.count {
                lineNumber += 1
                var end = start
                while end < buffer.count, buffer[end] != UInt8(ascii: "\n") { end += 1 }
                defer { start = end + 1 }
                guard buffer[start..<end].contains(where: { !isSpace($0) }) else { continue }
                let range = SourceRange(start: start, end: end)
                do {
                    let event = try TurnEventJSON.event(try JSONLineParser.parse(buffer, range: start..<end))
                    if !state.add(event, line: lineNumber, limit: limits.maxEventsPerTranscript) {
                        reader.report(.tooManyEvents(limit: limits.maxEventsPerTranscript), range: range,
                                      help: "split the conversation, or raise the limit with `--max-turns`")
                    }
                } catch let error as JSONSyntaxError {
                    reader.report(.jsonSyntax(error.message), range: SourceRange(start: error.offset, end: max(error.offset + 1, end)))
                } catch let error as TurnEventJSON.FieldError {
                    reader.report(error.message, range: range)
                } catch {
                    reader.report(.jsonSyntax("the line could not be read"), range: range)
                }
            }
        }
        if state.order.isEmpty, !reader.hasErrors {
            reader.report(.empty, range: .empty)
        }
        if reader.hasErrors {
            return .failed(TranscriptFailure(path: source.path, diagnostics: reader.finished(), source: source))
        }
        return .loaded(state.order.compactMap { state.sessions[$0] })
    }

    /// Conversations by session id, in order of first appearance.
    private struct Grouping {
        var fallback: String
        var path: String
        var order: [String] = []
        var sessions: [String: Transcript] = [:]
        /// Sessions already reported as too long, so each is reported once.
        var overLimit: Set<String> = []

        /// Adds the event; false the first time a session exceeds `limit`.
        mutating func add(_ event: TurnEvent, line: Int, limit: Int) -> Bool {
            let id = event.sessionID.isEmpty ? fallback : event.sessionID
            if sessions[id] == nil {
                order.append(id)
                sessions[id] = Transcript(sessionID: id, path: path)
            }
            guard sessions[id]!.events.count < limit else {
                return !overLimit.insert(id).inserted
            }
            var stamped = event
            stamped.sessionID = id
            sessions[id]!.events.append(stamped)
            sessions[id]!.lines.append(line)
            return true
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
