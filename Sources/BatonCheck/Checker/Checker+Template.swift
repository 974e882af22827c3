import BatonCore
import BatonLanguage

/// Template placeholders are resolved at check time so a typo in a reason
/// is a lint error, not a broken ticket.
extension Checker {
    mutating func checkTemplate(_ template: Template, path: String) -> CheckedTemplate? {
        var parts: [CheckedTemplate.Part] = []
        parts.reserveCapacity(template.parts.count)
        var failed = false
        for part in template.parts {
            switch part {
            case .text(let text):
                parts.append(.text(text))
            case .placeholder(let names, let span):
                if let resolved = resolvePlaceholder(names, span: span, path: path) {
                    parts.append(resolved)
                } else {
                    failed = true
                }
            }
        }
        return failed ? nil : CheckedTemplate(parts: parts)
    }

    private mutating func resolvePlaceholder(_ names: [Name], span: Span, path: String) -> CheckedTemplate.Part? {
        // Only error messages spell the whole path.
        var dotted: String { names.map(\.text).joined(separator: ".") }
        switch (names.count, names[0].text) {
        case (2, "metadata"):
            if schema.metadata[names[1].text] != nil { return .metadata(names[1].text) }
            let suggestion = Suggestions.closest(to: names[1].text, among: Array(schema.metadata.keys))
            report(.unknownMetadata(names[1].text), path: path, range: names[1].span.range, help: suggestion.map { "did you mean `\($0)`?" })
            return nil
        case (3, "api"):
            guard let api = checkAPIName(names[1], path: path) else { return nil }
            guard let field = APIField(rawValue: names[2].text), field != .error else {
                report(.unknownAPIField(api: api, field: names[2].text), path: path, range: names[2].span.range, help: "use `status`, `error_code` or `http_status`")
                return nil
            }
            return .api(api, field)
        case (2, "tool") where names[1].text == "summary":
            return .toolSummary
        case (1, _):
            if let signal = Signal(rawValue: names[0].text) { return .signal(signal) }
        default:
            break
        }
        let known = ["tool.summary"] + Signal.allCases.map(\.rawValue)
            + schema.metadata.keys.map { "metadata.\($0)" }
            + schema.apis.keys.flatMap { api in ["status", "error_code", "http_status"].map { "api.\(api).\($0)" } }
        let suggestion = Suggestions.closest(to: dotted, among: known)
        report(.unknownPlaceholder(dotted), path: path, range: span.range, help: suggestion.map { "did you mean `{\($0)}`?" })
        return nil
    }
}
