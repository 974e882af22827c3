import BatonCore

/// One conversation read from a transcript file: the events a bot would
/// have sent Baton, in order, with where each came from in the file.
struct Transcript: Sendable {
    /// The session id: `session:` in YAML, `session_id` in JSONL, or the
    /// file name without its extension when neither is given.
    var sessionID: String
    /// The file the conversation was read from, as the user named it.
    var path: String
    /// Free text from a YAML `description:`; shown nowhere but kept for tools.
    var description: String?
    var events: [TurnEvent]
    /// The 1-based source line of each event, parallel to `events`, so
    /// reports can point back at the file.
    var lines: [Int]

    init(sessionID: String, path: String, description: String? = nil, events: [TurnEvent] = [], lines: [Int] = []) {
        self.sessionID = sessionID
        self.path = path
        self.description = description
        self.events = events
        self.lines = lines
    }

    /// A short label for reports: the session id, and the file when it
    /// differs from the id (several sessions can share one JSONL file).
    var label: String {
        let stem = TranscriptFiles.stem(of: path)
        return stem == sessionID ? path : "\(path) (\(sessionID))"
    }
}

/// A transcript file that could not be used, with everything wrong in it.
/// The file's conversations are skipped; the rest of a corpus still runs.
struct TranscriptFailure: Sendable, Error {
    var path: String
    /// Sorted by position; at most `TranscriptLimits.maxErrorsPerFile`.
    var diagnostics: [Diagnostic]
    /// The file's text, for caret excerpts; nil when it could not be read.
    var source: SourceFile?
}

/// What reading one file produced: its conversations, or why it failed.
enum TranscriptFileResult: Sendable {
    case loaded([Transcript])
    case failed(TranscriptFailure)
}

/// Documented defaults that keep a malformed or hostile corpus from
/// exhausting memory or flooding the terminal.
struct TranscriptLimits: Sendable {
    /// Files larger than this are refused before they are read.
    var maxFileBytes = 64 * 1024 * 1024
    /// Events in one conversation. Real chats have tens; a log with
    /// 100,000 events for one session is a bot loop or a broken export,
    /// so it is reported rather than replayed.
    var maxEventsPerTranscript = 10_000
    /// Errors reported per file before the rest are summarised.
    var maxErrorsPerFile = 20
    /// Nesting depth of metadata and tool-argument values.
    var maxValueDepth = 32
    /// Nodes in one metadata or argument value (YAML aliases can make a
    /// small file describe a huge tree).
    var maxValueNodes = 10_000

    static let `default` = TranscriptLimits()
}
