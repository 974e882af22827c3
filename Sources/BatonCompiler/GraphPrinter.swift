import BatonCore
public import BatonGraph

/// Renders a compiled graph so an author can see what was compiled:
/// `text` is a listing (nodes with cost and sharing, rules, dispatch index,
/// windows and tracks); `dot` is Graphviz (`dot -Tsvg`).
public enum GraphPrinter {
    /// A deterministic plain-text listing of the graph.
    public static func text(_ graph: DecisionGraph) -> String {
        let users = useCounts(graph)
        var lines: [String] = []
        lines.append("decision graph (format \(graph.formatVersion)): \(graph.rules.count) rules, \(graph.nodes.count) nodes, \(graph.windows.count) windows, \(graph.tracks.count) tracked conditions")
        lines.append("largest window: \(graph.largestWindow) turns; features: \(featureNames(graph.features))")
        if graph.guards.cooldownTurns != nil || graph.guards.maxEscalations != nil {
            let cooldown = graph.guards.cooldownTurns.map { "cooldown \($0) turns" }
            let limit = graph.guards.maxEscalations.map { "max_escalations \($0)" }
            lines.append("guards: " + [cooldown, limit].compactMap { $0 }.joined(separator: ", "))
        }
        lines.append("")
        lines.append("nodes:")
        for (index, node) in graph.nodes.enumerated() {
            let id = NodeID(index)
            var line = "  \(id) [\(costName(node.cost))] \(summary(graph, node.test))"
            if let count = users[index], count > 1 { line += "  (shared by \(count))" }
            if let source = node.source { line += "  @ \(source)" }
            lines.append(line)
        }
        lines.append("")
        lines.append("rules (conflict order):")
        let ordered = graph.rules.sorted { $0.beats($1) }
        for rule in ordered {
            var line = "  \(rule.isShadow ? "shadow " : "")\(rule.name): \(rule.outcome.rawValue) priority \(rule.priority) when \(rule.root)"
            if rule.bypassGuards { line += " bypass_guards" }
            line += "  @ \(rule.source)"
            lines.append(line)
            lines.append("    \(graph.describe(rule.root))")
        }
        lines.append("")
        lines.append("dispatch:")
        lines.append("  any intent: " + names(graph, graph.dispatch.intentFree))
        for (id, intent) in graph.intents.enumerated() where id < graph.dispatch.byIntent.count {
            let specific = graph.dispatch.byIntent[id].filter { !graph.dispatch.intentFree.contains($0) }
            if !specific.isEmpty { lines.append("  \(intent): " + names(graph, specific)) }
        }
        if !graph.windows.isEmpty {
            lines.append("")
            lines.append("windows:")
            for (slot, window) in graph.windows.enumerated() { lines.append("  w\(slot) \(graph.describe(window))") }
        }
        if !graph.tracks.isEmpty {
            lines.append("")
            lines.append("tracked per-turn conditions:")
            for (slot, track) in graph.tracks.enumerated() {
                lines.append("  t\(slot) \(track.node)\(track.sticky ? " (whole session)" : ""): \(graph.describe(track.node))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The graph in Graphviz DOT: rules are boxes, shared nodes are bold.
    public static func dot(_ graph: DecisionGraph) -> String {
        let users = useCounts(graph)
        var lines = ["digraph baton {", "  rankdir=LR;", "  node [fontname=\"Helvetica\", fontsize=10];"]
        for rule in graph.rules {
            let style = rule.isShadow ? "dashed" : "solid"
            lines.append("  \(quote("rule:" + rule.name)) [shape=box, style=\(style), label=\(quote("\(rule.name)\n\(rule.outcome.rawValue) p\(rule.priority)"))];")
            lines.append("  \(quote("rule:" + rule.name)) -> \(rule.root);")
        }
        for (index, node) in graph.nodes.enumerated() {
            let shared = (users[index] ?? 0) > 1
            lines.append("  n\(index) [shape=ellipse\(shared ? ", penwidth=2" : ""), label=\(quote(summary(graph, node.test)))];")
            for child in children(node.test) { lines.append("  n\(index) -> \(child);") }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Helpers

    static func children(_ test: Test) -> [NodeID] {
        switch test {
        case .all(let children), .any(let children): children
        case .not(let child), .named(_, let child): [child]
        default: []
        }
    }

    /// How many parents (nodes, rules, tracks) point at each node.
    static func useCounts(_ graph: DecisionGraph) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for node in graph.nodes { for child in children(node.test) { counts[child.index, default: 0] += 1 } }
        for rule in graph.rules { counts[rule.root.index, default: 0] += 1 }
        for track in graph.tracks { counts[track.node.index, default: 0] += 1 }
        return counts
    }

    static func summary(_ graph: DecisionGraph, _ test: Test) -> String {
        switch test {
        case .all(let children): "and(" + children.map(\.description).joined(separator: ", ") + ")"
        case .any(let children): "or(" + children.map(\.description).joined(separator: ", ") + ")"
        case .not(let child): "not(\(child))"
        case .named(let name, let child): "let \(name) = \(child)"
        default: graph.describe(test)
        }
    }

    static func names(_ graph: DecisionGraph, _ rules: [Int32]) -> String {
        rules.isEmpty ? "-" : rules.map { graph.rules[Int($0)].name }.joined(separator: ", ")
    }

    static func costName(_ cost: CostClass) -> String {
        switch cost {
        case .constant: "constant"
        case .signal: "signal"
        case .metadata: "metadata"
        case .setLookup: "set"
        case .window: "window"
        case .phrase: "phrase"
        case .pattern: "pattern"
        case .sentiment: "sentiment"
        }
    }

    static func featureNames(_ features: FeatureSet) -> String {
        var names: [String] = []
        if features.contains(.sentiment) { names.append("sentiment") }
        if features.contains(.foldedMessage) { names.append("folded message") }
        if features.contains(.messageText) { names.append("message text") }
        if features.contains(.turnResults) { names.append("API results and tool calls") }
        return names.isEmpty ? "none" : names.joined(separator: ", ")
    }

    static func quote(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }
}
