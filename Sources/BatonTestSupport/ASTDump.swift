public import BatonLanguage
import Foundation

/// A span-free S-expression of a parsed file, for golden parser tests.
public enum ASTDump {
    public static func dump(_ file: RuleFile) -> String {
        file.items.map(item).joined(separator: "\n") + "\n"
    }

    static func item(_ item: Item) -> String {
        switch item {
        case .importDecl(let decl): return "(import \(quote(decl.path.value)))"
        case .schema(let decl): return "(schema " + decl.entries.map(schemaEntry).joined(separator: " ") + ")"
        case .guards(let decl):
            return "(guards " + decl.entries.map { entry in
                switch entry {
                case .cooldown(let turns, _): "(cooldown \(turns.value))"
                case .maxEscalations(let count, _): "(max_escalations \(count.value))"
                }
            }.joined(separator: " ") + ")"
        case .lexicon(let decl):
            return "(lexicon " + decl.entries.map { "(\(quote($0.phrase.value)) \($0.valence))" }.joined(separator: " ") + ")"
        case .letDecl(let decl): return "(let \(decl.name.text) \(expr(decl.value)))"
        case .rule(let decl):
            var parts = ["rule", decl.name.text]
            if decl.isShadow { parts.append("shadow") }
            parts += decl.settings.map(setting)
            parts.append("(when \(expr(decl.condition)))")
            parts += decl.actions.map(action)
            return "(" + parts.joined(separator: " ") + ")"
        }
    }

    static func schemaEntry(_ entry: SchemaEntry) -> String {
        switch entry {
        case .intents(let names, _): "(intents \(names.map(\.text).joined(separator: " ")))"
        case .tools(let names, _): "(tools \(names.map(\.text).joined(separator: " ")))"
        case .apis(let apis, _):
            "(apis " + apis.map { api in
                api.statuses.map { "(\(api.name.text) \($0.map { quote($0.value) }.joined(separator: " ")))" } ?? api.name.text
            }.joined(separator: " ") + ")"
        case .metadata(let fields, _): "(metadata \(fields.map { "\($0.name.text):\($0.type.text)" }.joined(separator: " ")))"
        }
    }

    static func setting(_ setting: RuleSetting) -> String {
        switch setting {
        case .priority(let value, _): "(priority \(value.value))"
        case .description(let text, _): "(description \(quote(text.value)))"
        case .owner(let text, _): "(owner \(quote(text.value)))"
        case .tags(let tags, _): "(tags \(tags.map { quote($0.value) }.joined(separator: " ")))"
        case .bypassGuards: "(bypass_guards)"
        }
    }

    static func action(_ action: Action) -> String {
        switch action {
        case .escalate(let options, _): "(escalate" + options.map { " " + option($0) }.joined() + ")"
        case .offerHandoff(let options, _): "(offer_handoff" + options.map { " " + option($0) }.joined() + ")"
        case .tag(let tags, _): "(tag \(tags.map { quote($0.value) }.joined(separator: " ")))"
        case .continueConversation: "(continue)"
        }
    }

    static func option(_ option: ActionOption) -> String {
        switch option {
        case .queue(let name, _): "(queue \(quote(name.value)))"
        case .priority(let name, _): "(priority \(name.text))"
        case .reason(let template, _): "(reason \(self.template(template)))"
        case .say(let template, _): "(say \(self.template(template)))"
        }
    }

    static func template(_ template: Template) -> String {
        "[" + template.parts.map { part in
            switch part {
            case .text(let text): quote(text)
            case .placeholder(let names, _): "{" + names.map(\.text).joined(separator: ".") + "}"
            }
        }.joined(separator: " ") + "]"
    }

    public static func expr(_ expr: Expr) -> String {
        switch expr {
        case .boolean(let value, _): return value ? "true" : "false"
        case .number(let value, _): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let literal): return quote(literal.value)
        case .list(let elements, _): return "[" + elements.map(self.expr).joined(separator: " ") + "]"
        case .name(let name): return name.text
        case .path(let names, _): return names.map(\.text).joined(separator: ".")
        case .unary(let op, let operand, _): return "(\(op.rawValue) \(self.expr(operand)))"
        case .binary(let op, let lhs, let rhs, _): return "(\(op.rawValue) \(self.expr(lhs)) \(self.expr(rhs)))"
        case .membership(let subject, let negated, let set, _):
            return "(\(negated ? "not-in" : "in") \(self.expr(subject)) \(self.expr(set)))"
        case .matches(let subject, let pattern, _): return "(matches \(self.expr(subject)) \(quote(pattern.value)))"
        case .contains(let subject, let phrases, _): return "(contains \(self.expr(subject)) \(self.expr(phrases)))"
        case .exists(let subject, _): return "(exists \(self.expr(subject)))"
        case .isClass(let subject, let name, _): return "(is \(self.expr(subject)) \(name.text))"
        case .call(let name, let arguments, let window, _):
            let args = arguments.map(self.expr) + (window.map { ["(last \($0.value))"] } ?? [])
            return "(\(name.text) \(args.joined(separator: " ")))"
        case .intentWas(let set, let within, _):
            return "(intent-was \(self.expr(set))\(within.map { " (last \($0.value))" } ?? ""))"
        case .toolCall(let name, _): return "(tool_call \(name.text))"
        }
    }

    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
