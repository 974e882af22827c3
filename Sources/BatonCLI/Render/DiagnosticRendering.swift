import BatonCore
import Foundation

/// Output formats shared by commands that report diagnostics.
enum DiagnosticOutputFormat: String, CaseIterable, Sendable {
    case text
    case json
    case sarif
}

/// Renders a run's diagnostics in the chosen format. Pure: returns the text.
struct DiagnosticReport {
    var diagnostics: [Diagnostic]
    var sources: [String: SourceFile]
    var filesChecked: Int
    /// Diagnostics found beyond each rule set's limit and not listed.
    var notShown = 0

    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    func render(_ format: DiagnosticOutputFormat, colorize: Bool) -> String {
        switch format {
        case .text: renderText(colorize: colorize)
        case .json: renderJSON()
        case .sarif: SARIF.render(self)
        }
    }

    func renderText(colorize: Bool) -> String {
        let formatter = DiagnosticFormatter(colorize: colorize)
        var out = ""
        for diagnostic in diagnostics {
            out += formatter.format(diagnostic, source: sources[diagnostic.path])
        }
        return out
    }

    func summaryLine() -> String {
        let files = filesChecked == 1 ? "1 file" : "\(filesChecked) files"
        let errors = errorCount == 1 ? "1 error" : "\(errorCount) errors"
        let warnings = warningCount == 1 ? "1 warning" : "\(warningCount) warnings"
        let line = "\(files) checked: \(errors), \(warnings)"
        guard notShown > 0 else { return line }
        return line + "; \(notShown) more not shown (a rule set lists its first \(DiagnosticBag.defaultLimit))"
    }

    /// One JSON document with 1-based positions and the same fields as text.
    func renderJSON() -> String {
        let entries = diagnostics.map { JSONDiagnostic($0, source: sources[$0.path]) }
        let document = JSONReport(
            diagnostics: entries, errors: errorCount, warnings: warningCount, files: filesChecked,
            notShown: notShown > 0 ? notShown : nil)
        return JSON.encode(document)
    }
}

struct JSONPosition: Encodable {
    var line: Int
    var column: Int
    var offset: Int
}

struct JSONDiagnostic: Encodable {
    var code: String
    var severity: String
    var message: String
    var file: String
    var start: JSONPosition?
    var end: JSONPosition?
    var help: String?
    var notes: [String]

    init(_ diagnostic: Diagnostic, source: SourceFile?) {
        code = diagnostic.code
        severity = diagnostic.severity.rawValue
        message = diagnostic.message
        file = diagnostic.path
        if let source {
            let start = source.location(of: diagnostic.range.start)
            let end = source.location(of: diagnostic.range.end)
            self.start = JSONPosition(line: start.line, column: start.column, offset: start.offset)
            self.end = JSONPosition(line: end.line, column: end.column, offset: end.offset)
        }
        help = diagnostic.help
        notes = diagnostic.notes.map(\.message)
    }
}

struct JSONReport: Encodable {
    var diagnostics: [JSONDiagnostic]
    var errors: Int
    var warnings: Int
    var files: Int
    /// Present only when diagnostics were left out.
    var notShown: Int?

    enum CodingKeys: String, CodingKey {
        case diagnostics, errors, warnings, files
        case notShown = "not_shown"
    }
}

enum JSON {
    /// Sorted keys and no escaped slashes, so output is stable for golden files.
    static func encode(_ value: some Encodable, pretty: Bool = true) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
