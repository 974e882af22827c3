public import BatonCheck
public import BatonGraph
import BatonCore
import BatonPattern

/// Lowers a checked rule set into a `DecisionGraph`:
/// - every condition becomes hash-consed nodes (one node per distinct test
///   in the whole set), `let`s are inlined under a named node that keeps the
///   name for traces;
/// - constants fold (`true and x` → `x`, `1 < 2` → `true`), nested `and`/`or`
///   flatten, and children are ordered cheapest first by `CostClass`;
/// - window arguments and `intent was` sets become tracked per-turn conditions;
/// - the dispatch index lists, per intent, the rules that can fire with it.
public enum Compiler {
    /// Compiles a checked set. The checker has already validated names,
    /// types and patterns, so compiling cannot fail.
    public static func compile(_ set: CheckedRuleSet) -> DecisionGraph {
        var lowering = Lowering(set: set)
        var rules: [GraphRule] = []
        for rule in set.rules {
            let root = lowering.lowerCondition(rule.condition)
            rules.append(GraphRule(
                name: rule.name,
                index: rules.count,
                source: lowering.sourceRef(path: rule.path, range: rule.nameRange, text: rule.name),
                isShadow: rule.isShadow,
                priority: rule.priority,
                bypassGuards: rule.bypassGuards,
                outcome: Self.outcome(rule.outcome),
                queue: rule.queue,
                urgency: rule.urgency?.rawValue,
                reason: rule.reason.map { lowering.lowerTemplate($0) },
                say: rule.say.map { lowering.lowerTemplate($0) },
                tags: rule.tags,
                root: root,
                description: rule.description,
                owner: rule.owner,
                labels: rule.ruleTags))
        }
        let dispatch = DispatchBuilder(nodes: lowering.nodes, intentCount: lowering.intents.count).build(rules)
        var features = lowering.templateFeatures
        for rule in rules { features.formUnion(lowering.nodes[rule.root.index].features) }
        for track in lowering.tracks { features.formUnion(lowering.nodes[track.node.index].features) }
        let largestWindow = max(
            lowering.windows.map(\.turns).max() ?? 0,
            lowering.largestLookBack)
        return DecisionGraph(
            intents: lowering.intents,
            apis: lowering.apis,
            tools: lowering.tools,
            metadataFields: lowering.metadataFields,
            nodes: lowering.nodes,
            rules: rules,
            windows: lowering.windows,
            tracks: lowering.tracks,
            compiledPatterns: lowering.patterns,
            phraseLists: lowering.phraseLists,
            dispatch: dispatch,
            guards: GuardSpec(cooldownTurns: set.guards.cooldownTurns, maxEscalations: set.guards.maxEscalations),
            lexicon: set.lexicon.map { LexiconEntry(phrase: $0.phrase, valence: $0.valence) },
            features: features,
            largestWindow: largestWindow)
    }

    static func outcome(_ outcome: Outcome) -> Decision.Outcome {
        switch outcome {
        case .continue: .continue
        case .offerHandoff: .offerHandoff
        case .escalate: .escalate
        }
    }
}
