import BatonCore

/// Transcript and test-file load failures, in text (with carets) or JSON.
enum FailureText {
    static func render(_ failures: [TranscriptFailure], colorize: Bool) -> String {
        let formatter = DiagnosticFormatter(colorize: colorize)
        var out = ""
        for failure in failures.sorted(by: { $0.path < $1.path }) {
            for diagnostic in failure.diagnostics {
                out += formatter.format(diagnostic, source: diagnostic.range == .empty ? nil : failure.source)
            }
        }
        return out
    }
}

/// One load error as JSON: 1-based line and column when known.
struct FailureJSON: Encodable {
    var type = "error"
    var file: String
    var line: Int?
    var column: Int?
    var code: String
    var message: String
    var help: String?

    static func entries(_ failure: TranscriptFailure) -> [FailureJSON] {
        failure.diagnostics.map { diagnostic in
            var entry = FailureJSON(file: diagnostic.path, code: diagnostic.code, message: diagnostic.message, help: diagnostic.help)
            if diagnostic.range != .empty, let source = failure.source {
                let location = source.location(of: diagnostic.range.start)
                entry.line = location.line
                entry.column = location.column
            }
            return entry
        }
    }
}
