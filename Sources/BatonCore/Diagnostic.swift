/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Codable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message attached to a diagnostic, optionally pointing elsewhere.
public struct DiagnosticNote: Sendable, Hashable, Codable {
    public var message: String
    public var path: String?
    public var range: SourceRange?

    public init(_ message: String, path: String? = nil, range: SourceRange? = nil) {
        self.message = message
        self.path = path
        self.range = range
    }
}

/// A suggested replacement of a source range.
public struct FixIt: Sendable, Hashable, Codable {
    public var range: SourceRange
    public var replacement: String

    public init(range: SourceRange, replacement: String) {
        self.range = range
        self.replacement = replacement
    }
}

/// A problem found in user input. Diagnostics are data: rendering happens at
/// the edge (see `DiagnosticFormatter`), so every phase only builds these.
///
/// Messages follow the house style: lowercase, no final period, user input
/// in backticks, help kept apart in `help`.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// Stable identifier such as `E0203` or a lint rule name like `unused-let`.
    public var code: String
    public var severity: Severity
    public var message: String
    /// Path of the file the range belongs to.
    public var path: String
    public var range: SourceRange
    public var help: String?
    public var notes: [DiagnosticNote]
    public var fixIts: [FixIt]

    public init(
        code: String,
        severity: Severity,
        message: String,
        path: String,
        range: SourceRange,
        help: String? = nil,
        notes: [DiagnosticNote] = [],
        fixIts: [FixIt] = []
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.path = path
        self.range = range
        self.help = help
        self.notes = notes
        self.fixIts = fixIts
    }

    /// Deterministic order: by path, then position, then severity, code, message.
    public static func ordered(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.code != rhs.code { return lhs.code < rhs.code }
        return lhs.message < rhs.message
    }
}

/// Collects diagnostics from a phase, with a cap so a pathological input
/// cannot produce unbounded output.
public struct DiagnosticBag: Sendable {
    public static let defaultLimit = 200

    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var droppedCount = 0
    public let limit: Int

    public init(limit: Int = DiagnosticBag.defaultLimit) {
        self.limit = limit
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.count { $0.severity == .error } }

    public mutating func append(_ diagnostic: Diagnostic) {
        if diagnostics.count < limit {
            diagnostics.append(diagnostic)
        } else {
            droppedCount += 1
        }
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        for diagnostic in other { append(diagnostic) }
    }

    /// Counts diagnostics left out without being made (found beyond the limit).
    public mutating func countDropped(_ count: Int) {
        droppedCount += count
    }

    /// The diagnostics in deterministic order.
    public var sorted: [Diagnostic] { diagnostics.sorted(by: Diagnostic.ordered) }
}
