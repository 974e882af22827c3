import BatonCore
import Foundation
import Yams

/// Reads YAML transcripts. A file holds one conversation per YAML document
/// (`---` separates several), written either as a mapping
///
///     session: wismo-01
///     metadata: {order_id: A-1001}
///     turns:
///       - customer: "Where is my order?"
///         intents: {wismo: 0.92}
///
/// or as a bare list of turns. See `YAMLTurnDecoder` for the turn forms.
enum YAMLTranscriptDecoder {
    /// Keys of a conversation mapping; test files add their own.
    static let conversationFields = ["session", "session_id", "description", "metadata", "turns"]

    static func decode(_ source: SourceFile, limits: TranscriptLimits = .default) -> TranscriptFileResult {
        var reader = YAMLReader(source: source, limits: limits)
        var transcripts: [Transcript] = []
        let documents = parseDocuments(source, reader: &reader)
        if documents.isEmpty, !reader.hasErrors {
            reader.report(.empty, range: .empty)
        }
        for (index, document) in documents.enumerated() {
            let fallback = TranscriptFiles.stem(of: source.path) + (documents.count > 1 ? "#\(index + 1)" : "")
            if let transcript = conversation(document, fallbackSession: fallback, reader: &reader) {
                transcripts.append(transcript)
            }
        }
        if reader.hasErrors {
            return .failed(TranscriptFailure(path: source.path, diagnostics: reader.finished(), source: source))
        }
        return .loaded(transcripts)
    }

    /// Every document's root node; a syntax error is reported at its mark.
    static func parseDocuments(_ source: SourceFile, reader: inout YAMLReader) -> [Node] {
        guard let text = String(validating: source.bytes, as: UTF8.self) else {
            reader.report(.notUTF8, range: .empty)
            return []
        }
        var roots: [Node] = []
        do {
            let parser = try Parser(yaml: text)
            while let root = try parser.nextRoot() { roots.append(root) }
        } catch let error as YamlError {
            report(error, reader: &reader)
            return []
        } catch {
            reader.report(.yamlSyntax("the file could not be parsed"), range: .empty)
            return []
        }
        return roots
    }

    /// Maps a Yams error to a positioned diagnostic in the house style.
    static func report(_ error: YamlError, reader: inout YAMLReader) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml's context says what it was reading and where that
            // began ("while scanning a quoted scalar" at 3:15), which is
            // where the mistake usually is when the problem is at the end.
            if let context {
                reader.report(.yamlSyntax("\(problem) \(context.text)"), at: context.mark)
            } else {
                reader.report(.yamlSyntax(problem), at: mark)
            }
        case .duplicatedKeysInMapping(let duplicates, let context):
            reader.report(.duplicateKey(duplicates.sorted().joined(separator: "`, `")), at: context.mark)
        case .reader(let problem, _, _, _):
            reader.report(.yamlSyntax(problem), range: .empty)
        default:
            reader.report(.yamlSyntax("the file could not be parsed"), range: .empty)
        }
    }

    /// One conversation: a mapping with `turns`, or a bare list of turns.
    static func conversation(
        _ node: Node, fallbackSession: String, reader: inout YAMLReader, extraFields: [String] = [], extraTurnFields: [String] = []
    ) -> Transcript? {
        let path = reader.source.path
        if let sequence = node.sequence {
            // The plain form: events may carry their own `session_id`.
            let first = sequence.first?.mapping?["session_id"]?.scalar?.string
            var transcript = Transcript(sessionID: first ?? fallbackSession, path: path)
            turns(Array(sequence), into: &transcript, reader: &reader, extraTurnFields: extraTurnFields)
            return transcript
        }
        guard let mapping = node.mapping else {
            reader.report(.wrongType(field: "conversation", expected: "a mapping with `turns` or a list of turns", found: YAMLReader.describe(node)), at: node)
            return nil
        }
        reader.checkKeys(mapping, allowed: conversationFields + extraFields, context: "a conversation")
        var transcript = Transcript(sessionID: fallbackSession, path: path)
        if let session = mapping["session"] ?? mapping["session_id"], let id = reader.requiredText(session, field: "session") {
            transcript.sessionID = id
        }
        if let description = mapping["description"] { transcript.description = reader.text(description, field: "description") }
        let metadata = mapping["metadata"].map { YAMLTurnDecoder.metadata($0, field: "metadata", reader: &reader) } ?? [:]
        guard let turnsNode = mapping["turns"] else {
            reader.report(.missingField("turns"), at: node, help: "list the conversation under `turns:`")
            return nil
        }
        guard let items = reader.list(turnsNode, field: "turns") else { return nil }
        turns(items, into: &transcript, reader: &reader, extraTurnFields: extraTurnFields)
        // Conversation metadata is what the bot knew at the start: it goes on
        // the first event, and the first event's own keys win.
        if !transcript.events.isEmpty {
            transcript.events[0].metadata = metadata.merging(transcript.events[0].metadata) { _, turn in turn }
        }
        return transcript
    }

    private static func turns(_ items: [Node], into transcript: inout Transcript, reader: inout YAMLReader, extraTurnFields: [String]) {
        if items.isEmpty {
            reader.report(.empty, range: .empty)
            return
        }
        let limit = reader.limits.maxEventsPerTranscript
        if items.count > limit {
            reader.report(.tooManyEvents(limit: limit), at: items[limit],
                          help: "split the conversation, or raise the limit with `--max-turns`")
            return
        }
        transcript.events.reserveCapacity(items.count)
        for item in items {
            if let event = YAMLTurnDecoder.decode(item, sessionID: transcript.sessionID, reader: &reader, extraFields: extraTurnFields) {
                transcript.events.append(event)
                transcript.lines.append(reader.line(of: item))
            }
        }
    }
}
