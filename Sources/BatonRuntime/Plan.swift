import BatonCore
import BatonGraph
import BatonPattern

/// The graph with what the runtime derives from it once: plain-data copies
/// of the hot parts (rule roots and flags, junction children, leaf tests
/// decoded into opcodes with integer slots), so the per-event loop reads
/// them without reference counting or enum payload copies.
final class Plan: @unchecked Sendable {
    let graph: DecisionGraph
    let layout: StateLayout
    /// The scorer's compound score, as a closure: calling it does not copy
    /// the existential scorer, as reading `any SentimentScoring` out of the plan does.
    let compound: (@Sendable (String) -> Double)?
    /// Per rule: what `decide` needs before the rule fires.
    let rules: UnsafeMutableBufferPointer<HotRule>
    /// The dispatch index as the rule loop reads it.
    let dispatch: DispatchTables
    /// Rule and tag names (tag ids ascending, see `TagTable`), shared by
    /// the decisions, whose lists are numbers into them.
    let names: DecisionNameTable
    /// Every rule's tag ids back to back, read by `HotRule.tagStart`/`tagCount`.
    let tagIDs: UnsafeMutableBufferPointer<Int32>
    /// Whether the rules' tags fit `TagTable.bits` (`RankedRule.tagBits`):
    /// a turn's tags are then the union of its firing rules' bits, in id
    /// order with no sort.
    let tagsFitBits: Bool
    /// The `String` slots `decide` needs to render a winner's reason and message.
    let textSlots: Int
    /// The per-event scratch space: a memo byte per node, the `Int32` slots
    /// `decide` needs (`DispatchTables.scratchSlots`) and `textSlots`.
    let scratch: ScratchLayout
    /// Per rule: what a winning rule puts in the decision.
    let actions: UnsafeMutableBufferPointer<RuleAction>
    /// `Decision.proceed`, held here so most events return it without
    /// going through the global's lazy initialiser.
    let proceed = Decision.proceed
    /// Per node: how to evaluate it without touching its `Test` (see `HotNode`).
    let hotNodes: UnsafeMutableBufferPointer<HotNode>
    /// The `numCompare` nodes by the number they read (see `ComparisonGroups`).
    let comparisons: ComparisonGroups
    /// Children of `and`/`or` nodes, back to back.
    let children: UnsafeMutableBufferPointer<NodeID>
    /// Intent sets of `intent in [...]` tests as bitsets, `intentWords` words each.
    let intentBits: UnsafeMutableBufferPointer<UInt64>
    /// Every tracked per-turn condition (what a new turn computes), and
    /// those that read API results or tool calls (what later events of
    /// the turn compute again).
    let tracks: UnsafeMutableBufferPointer<TrackSlot>
    let resultTracks: UnsafeMutableBufferPointer<TrackSlot>
    /// The tracks a new turn computes when its event brings no API result:
    /// all but the API-failure tests (`api_error is 5xx`, `api.x.error`),
    /// which then are false, as the turn's shifted bit already says.
    let tracksWithoutResults: UnsafeMutableBufferPointer<TrackSlot>
    let intentWords: Int
    /// Value sets of `metadata.x in [...]` tests, back to back: set `i` is
    /// `valueMembers[valueStarts[i]..<valueStarts[i + 1]]`, read in place.
    let valueMembers: UnsafeMutableBufferPointer<Value>
    let valueStarts: UnsafeMutableBufferPointer<Int32>
    /// Constants of `api.x.status == "..."` tests.
    let statusConstants: [String]
    /// The graph's name → slot maps, for the names an event carries.
    let intentIndex: NameIndex
    let metadataIndex: NameIndex
    let apiIndex: NameIndex
    let toolIndex: NameIndex
    /// Every phrase list of the graph in one automaton, and the literals
    /// each pattern needs (`PhraseSetMatcher.patternLists`).
    let phraseSet: PhraseSetMatcher
    /// The smaller automata turns of one intent scan with.
    let phraseScans: PhraseScans
    /// Per pattern: the phrase-set list that tells whether a message may
    /// match it, or -1 (ask `Pattern.mayMatch`).
    let patternLists: UnsafeMutableBufferPointer<Int32>
    /// Per intent id (and, last, for turns without a known intent): whether
    /// the turn's candidate rules read phrase lists. A pattern's literals
    /// are then looked up in the phrase scan the turn is likely to make
    /// anyway; otherwise `mayMatch` costs less than a scan.
    let readsPhrases: UnsafeMutableBufferPointer<Bool>
    /// The graph's compiled patterns, read in place (an array element read
    /// would copy the pattern and retain each of its buffers).
    let patterns: UnsafeMutableBufferPointer<Pattern>
    /// Per intent id (and, last, for turns without a known intent): the
    /// message features that the turn's candidate rules and the tracks can
    /// read, resolved before a customer event ends when the message is not
    /// kept. Plain data, read without retaining arrays.
    let messageNeeds: UnsafeMutableBufferPointer<HotMessageNeeds>
    /// The patterns of each `messageNeeds` entry, one after another.
    let neededPatterns: UnsafeMutableBufferPointer<Int32>

    /// `MessageNeeds` as the runtime reads it: its patterns are
    /// `neededPatterns[patternStart..<patternEnd]`.
    struct HotMessageNeeds {
        let phrases: Bool
        let sentiment: Bool
        let patternStart: Int32
        let patternEnd: Int32
        var isEmpty: Bool { !phrases && !sentiment && patternStart == patternEnd }
    }

    struct MessageNeeds {
        var phrases = false
        var sentiment = false
        var patterns: [Int] = []
        /// The phrase lists and the lists of pattern literals (numbered
        /// as `phraseSet` numbers them) that the rules can read.
        var phraseLists: Set<Int> = []
    }

    init(graph: DecisionGraph, layout: StateLayout, scorer: (any SentimentScoring)?) {
        self.graph = graph
        self.layout = layout
        if let scorer {
            compound = { @Sendable text in scorer.compound(text) }
        } else {
            compound = nil
        }
        // A named condition's node only gives traces its name: the hot
        // tables point past it, to the node it names, so evaluating a
        // reference to it is not a call that makes another.
        func named(_ id: NodeID) -> NodeID {
            var id = id
            while case .named(_, let child) = graph[id].test { id = child }
            return id
        }
        rules = .allocate(capacity: max(graph.rules.count, 1))
        for (index, rule) in graph.rules.enumerated() {
            let root = named(rule.root)
            rules[index] = HotRule(
                root: root, outcome: rule.outcome, isShadow: rule.isShadow,
                bypassGuards: rule.bypassGuards)
        }
        let tags = TagTable(graph.rules)
        let names = DecisionNameTable(
            rules: graph.rules.map(\.name), tags: tags.names, queues: graph.rules.map(\.queue),
            urgencies: graph.rules.map(\.urgency))
        self.names = names
        tagIDs = .copying(tags.ids)
        for index in graph.rules.indices {
            rules[index].tagStart = tags.starts[index]
            rules[index].tagCount = tags.starts[index + 1] - tags.starts[index]
        }
        tagsFitBits = !tags.bits.isEmpty
        intentIndex = NameIndex(graph.intentIDs.mapValues(Int.init))
        metadataIndex = NameIndex(graph.metadataSlots)
        apiIndex = NameIndex(graph.apiSlots)
        toolIndex = NameIndex(graph.toolSlots)
        actions = .copying(graph.rules.map(RuleAction.init))
        textSlots = actions.map { ($0.reason?.placeholders ?? 0) + ($0.say?.placeholders ?? 0) }.max() ?? 0
        let intentWords = max((graph.intents.count + 63) / 64, 1)
        self.intentWords = intentWords
        var bitPool: [UInt64] = []
        var valueMembers: [Value] = []
        var valueStarts: [Int32] = [0]
        var statusConstants: [String] = []
        var pool: [NodeID] = []
        var numberConstants: [Int: Double] = [:]
        hotNodes = .allocate(capacity: max(graph.nodes.count, 1))
        for (index, node) in graph.nodes.enumerated() {
            var hot = HotNode(kind: .leaf)
            switch node.test {
            case .all(let list), .any(let list):
                let isAll = if case .all = node.test { true } else { false }
                hot = HotNode(kind: isAll ? .all : .any, start: Int32(pool.count), count: Int32(list.count))
                pool.append(contentsOf: list.map(named))
            case .not(let child):
                hot = HotNode(kind: .not, start: named(child).rawValue, count: 1)
            case .named(_, let child):
                hot = HotNode(kind: .same, start: named(child).rawValue, count: 1)
            case .constant(let value):
                hot = HotNode(kind: value ? .yes : .no)
            case .intentIn(let ids, let negated) where ids.count == 1:
                hot = HotNode(kind: negated ? .intentIsNot : .intentIs, start: Int32(ids[0]), count: 1)
            case .intentIn(let ids, let negated):
                let offset = bitPool.count
                bitPool.append(contentsOf: repeatElement(0, count: intentWords))
                for id in ids where Int(id) < graph.intents.count { bitPool[offset + Int(id) >> 6] |= 1 << UInt64(id & 63) }
                hot = HotNode(kind: .intentInSet, flag: negated ? 1 : 0, start: Int32(offset))
            case .compare(let relation, let lhs, .constant(.number(let constant))):
                if let (operand, slot) = Self.numericOperand(lhs) {
                    hot = HotNode(kind: .numCompare, flag: Self.relationCode(relation), operand: operand, start: slot)
                    numberConstants[index] = constant
                }
            case .compare(let relation, .api(let slot, .status), .constant(.string(let constant)))
                where relation == .equal || relation == .notEqual:
                hot = HotNode(kind: .apiStatus, flag: relation == .equal ? 0 : 1, start: Int32(slot), count: Int32(statusConstants.count))
                statusConstants.append(constant)
            case .member(.metadata(let slot), let values, let negated):
                hot = HotNode(kind: .metadataIn, flag: negated ? 1 : 0, start: Int32(slot), count: Int32(valueStarts.count - 1))
                valueMembers.append(contentsOf: values)
                valueStarts.append(Int32(valueMembers.count))
            case .contains(.signal(.message), let phrases):
                hot = HotNode(kind: .phrase, start: Int32(phrases))
            case .matches(.signal(.message), let pattern):
                hot = HotNode(kind: .pattern, start: Int32(pattern))
            case .failed(nil, let failure):
                hot = HotNode(kind: .failedAny, flag: Self.failureCode(failure))
            case .failed(let api?, let failure):
                hot = HotNode(kind: .failedAPI, flag: Self.failureCode(failure), start: Int32(api))
            case .called(let api):
                hot = HotNode(kind: .called, start: Int32(api))
            default:
                break
            }
            hotNodes[index] = hot
        }
        // Residual conditions: a rule visited only for intents its own
        // `intent in [...]` conjunct admits need not test that conjunct. A
        // rule rooted at `and` is tested conjunct by conjunct even when none
        // is dropped (an intent-free rule, say): each conjunct is then a test
        // of the rule loop that other rules can share (`DispatchTables`),
        // and the `and` node is not evaluated out of line on the way.
        let dispatched = Self.dispatchSets(graph)
        for index in graph.rules.indices {
            let intents = dispatched[index]
            let root = rules[index].root
            let conjuncts: [NodeID]
            switch graph[root].test {
            case .all(let list): conjuncts = list
            case .intentIn where intents != nil: conjuncts = [root]
            default: continue
            }
            let residual = conjuncts.filter { child in
                guard let intents, case .intentIn(let ids, negated: false) = graph[child].test else { return true }
                return !intents.isSubset(of: ids)
            }.map(named)
            rules[index].residualStart = Int32(pool.count)
            rules[index].residualCount = Int32(residual.count)
            rules[index].hasResidual = true
            pool.append(contentsOf: residual)
        }
        // The dispatch index's lists: per intent id, then the intent-free one.
        let lists = (0..<graph.intents.count).map { graph.candidateRules(forIntent: UInt16($0)) }
            + [graph.candidateRules(forIntent: nil)]
        let conflictOrder = graph.rules.sorted { $0.beats($1) }.map { Int32($0.index) }
        let hotNodes = self.hotNodes
        dispatch = DispatchTables(
            lists: lists, conflictOrder: conflictOrder, tagBits: tags.bits, rules: rules, children: pool, layout: layout
        ) { Int64(graph.nodes[Int($0)].cost.rawValue) }
        scratch = ScratchLayout(memoBytes: graph.nodes.count, slots: dispatch.scratchSlots, texts: textSlots)
        children = .copying(pool)
        comparisons = ComparisonGroups(
            hotNodes: hotNodes, constants: numberConstants, children: children, lists: lists,
            roots: { [graph] in [graph.rules[$0].root] })
        intentBits = .copying(bitPool)
        let trackSlots = graph.tracks.indices.map { TrackSlot(node: named(graph.tracks[$0].node), word: Int32(layout.trackOffset + $0)) }
        tracks = .copying(trackSlots)
        resultTracks = .copying(layout.resultTracks.map { trackSlots[$0] })
        tracksWithoutResults = .copying(trackSlots.filter {
            let kind = hotNodes[$0.node.index].kind
            return kind != .failedAPI && kind != .failedAny
        })
        self.valueMembers = .copying(valueMembers)
        self.valueStarts = .copying(valueStarts)
        self.statusConstants = statusConstants
        phraseSet = PhraseSetMatcher(lists: graph.phraseLists, patterns: graph.compiledPatterns)
        patternLists = .copying(phraseSet.patternLists.map { Int32($0 ?? -1) })
        patterns = .copying(graph.compiledPatterns)
        let needs = Self.messageNeeds(graph, hotNodes: hotNodes, patternLists: phraseSet.patternLists)
        var hotNeeds: [HotMessageNeeds] = []
        var neededPatterns: [Int32] = []
        for entry in needs {
            let start = Int32(neededPatterns.count)
            neededPatterns += entry.patterns.map(Int32.init)
            hotNeeds.append(
                HotMessageNeeds(
                    phrases: entry.phrases, sentiment: entry.sentiment, patternStart: start, patternEnd: Int32(neededPatterns.count)))
        }
        messageNeeds = .copying(hotNeeds)
        self.neededPatterns = .copying(neededPatterns)
        readsPhrases = .copying(needs.map(\.phrases))
        phraseScans = PhraseScans(graph: graph, all: phraseSet, wanted: needs.map(\.phraseLists))
    }

    /// Whether the candidate rules of a turn with this top intent id read phrase lists.
    @inline(__always)
    func readsPhrases(intent: UInt16) -> Bool {
        readsPhrases[DispatchTables.listIndex(forIntent: intent, lists: readsPhrases.count)]
    }

    deinit {
        for action in actions { action.free() }
        actions.deallocate()
        messageNeeds.deallocate()
        neededPatterns.deallocate()
        patternLists.deallocate()
        readsPhrases.deallocate()
        phraseScans.deallocate()
        patterns.deinitialize().deallocate()
        valueMembers.deinitialize().deallocate()
        valueStarts.deallocate()
        dispatch.deallocate()
        tagIDs.deallocate()
        comparisons.deallocate()
        rules.deallocate()
        hotNodes.deallocate()
        children.deallocate()
        intentBits.deallocate()
        tracks.deallocate()
        resultTracks.deallocate()
        tracksWithoutResults.deallocate()
        for index in [intentIndex, metadataIndex, apiIndex, toolIndex] { index.deallocate() }
    }

    /// Per rule, the intents under which the dispatch index lists it; nil
    /// for intent-free rules (visited on every event).
    private static func dispatchSets(_ graph: DecisionGraph) -> [Set<UInt16>?] {
        var sets = [Set<UInt16>?](repeating: [], count: graph.rules.count)
        for rule in graph.dispatch.intentFree { sets[Int(rule)] = nil }
        let intentFree = Set(graph.dispatch.intentFree)
        for (intent, list) in graph.dispatch.byIntent.enumerated() {
            for rule in list where !intentFree.contains(rule) { sets[Int(rule)]?.insert(UInt16(intent)) }
        }
        return sets
    }

    /// `(operand code, slot)` for operands `numCompare` reads directly.
    private static func numericOperand(_ operand: Operand) -> (UInt8, Int32)? {
        switch operand {
        case .signal(.confidence): (HotNode.confidence, 0)
        case .signal(.sentiment): (HotNode.sentiment, 0)
        case .signal(.turnCount): (HotNode.turnCount, 0)
        case .metadata(let slot): (HotNode.metadataNumber, Int32(slot))
        case .api(let slot, .httpStatus): (HotNode.apiHTTP, Int32(slot))
        case .window(let slot): (HotNode.window, Int32(slot))
        default: nil
        }
    }

    static func relationCode(_ relation: Relation) -> UInt8 {
        UInt8(Relation.allCases.firstIndex(of: relation)!)
    }

    static func failureCode(_ failure: FailureClass) -> UInt8 {
        UInt8(FailureClass.allCases.firstIndex(of: failure)!)
    }

    private static func messageNeeds(
        _ graph: DecisionGraph, hotNodes: UnsafeMutableBufferPointer<HotNode>, patternLists: [Int?]
    ) -> [MessageNeeds] {
        let templatesReadSentiment = graph.rules.contains { rule in
            [rule.reason, rule.say].contains { template in
                template?.parts.contains { if case .signal(.sentiment) = $0 { true } else { false } } ?? false
            }
        }
        func collect(_ roots: [NodeID]) -> MessageNeeds {
            var needs = MessageNeeds()
            needs.sentiment = templatesReadSentiment
            var seen = Set<Int32>()
            var stack = roots
            var patterns = Set<Int>()
            while let id = stack.popLast() {
                guard seen.insert(id.rawValue).inserted else { continue }
                let node = graph[id]
                if node.features.isDisjoint(with: [.sentiment, .foldedMessage]) { continue }
                if node.features.contains(.sentiment) { needs.sentiment = true }
                switch hotNodes[id.index].kind {
                case .phrase:
                    needs.phrases = true
                    needs.phraseLists.insert(Int(hotNodes[id.index].start))
                case .pattern:
                    let pattern = Int(hotNodes[id.index].start)
                    patterns.insert(pattern)
                    if let list = patternLists[pattern] { needs.phraseLists.insert(list) }
                default: break
                }
                switch node.test {
                case .all(let list), .any(let list): stack.append(contentsOf: list)
                case .not(let child), .named(_, let child): stack.append(child)
                default: break
                }
            }
            needs.patterns = patterns.sorted()
            return needs
        }
        let trackRoots = graph.tracks.map(\.node)
        var result: [MessageNeeds] = []
        for intent in 0..<graph.intents.count {
            let candidates = graph.candidateRules(forIntent: UInt16(intent))
            result.append(collect(candidates.map { graph.rules[Int($0)].root } + trackRoots))
        }
        result.append(collect(graph.dispatch.intentFree.map { graph.rules[Int($0)].root } + trackRoots))
        return result
    }
}

/// A rule's hot fields, as plain data.
struct HotRule {
    /// The rule's condition, past any name it is given.
    var root: NodeID
    var outcome: Decision.Outcome
    var isShadow: Bool
    var bypassGuards: Bool
    /// When set, the rule fires iff all of `Plan.children[residualStart...]`
    /// hold: its root's conjuncts less the intent tests its dispatch implies.
    var hasResidual = false
    var residualStart: Int32 = 0
    var residualCount: Int32 = 0
    /// The rule's tags: `Plan.tagIDs[tagStart..<tagStart + tagCount]`.
    var tagStart: Int32 = 0
    var tagCount: Int32 = 0

    /// How the rule counts when it fires: its `Firing` with no guard holding
    /// in bits 0–1, and with one holding in bits 2–3, so the rule loop reads
    /// it without branching.
    var firingCodes: Int32 {
        if isShadow { return Firing.shadow.rawValue | Firing.shadow.rawValue << 2 }
        let heldByGuard = outcome != .continue && !bypassGuards
        return Firing.fired.rawValue | (heldByGuard ? Firing.held : Firing.fired).rawValue << 2
    }
}

/// A node as plain data: junctions index `Plan.children`, `not`/`same` (a
/// `let`) point at one child, leaf tests carry their slots. `leaf` falls
/// back to the node's `Test`.
struct HotNode {
    enum Kind: UInt8 {
        case leaf, all, any, not, same, yes, no, intentIs, intentIsNot
        /// `start`: offset in `Plan.intentBits`; `flag`: negated.
        case intentInSet
        /// `operand` (code below) with slot `start`, relation code `flag`;
        /// `count`: its group or entry in `Plan.comparisons` (which holds
        /// the constant), as `ComparisonGroups.grouped` in `flag` says.
        case numCompare
        /// `start`: metadata slot; `count`: value set index (see `Plan.valueStarts`); `flag`: negated.
        case metadataIn
        /// `message contains`, `start`: phrase list.
        case phrase
        /// `message matches`, `start`: pattern.
        case pattern
        /// `api_error`, failure code `flag`.
        case failedAny
        /// `api.x.error`, slot `start`, failure code `flag`.
        case failedAPI
        /// `api.x.error exists`, slot `start`.
        case called
        /// `api.x.status == "s"` (`flag` 0) or `!=` (1): slot `start`,
        /// `s` at `count` in `Plan.statusConstants`; false when no status.
        case apiStatus
    }

    static let confidence: UInt8 = 0
    static let sentiment: UInt8 = 1
    static let turnCount: UInt8 = 2
    static let metadataNumber: UInt8 = 3
    static let apiHTTP: UInt8 = 4
    static let window: UInt8 = 5

    /// For a `numCompare` node: the number it reads (operand and slot), the
    /// same for every comparison of that number.
    var numberKey: Int64 { Int64(operand) << 32 | Int64(UInt32(bitPattern: start)) }

    var kind: Kind
    var flag: UInt8 = 0
    var operand: UInt8 = 0
    var start: Int32 = 0
    var count: Int32 = 0
}
