import BatonCore

/// Many phrase lists searched in one pass: which lists have a phrase in a message.
///
/// Same matching rules as `PhraseMatcher` (folded, whole words, any run of
/// whitespace matches any run), but every phrase of every list goes into one
/// Aho–Corasick automaton, turned into a dense DFA over symbol classes (the
/// symbols that occur in some phrase, plus one class for all others). A scan
/// costs one table load per symbol whatever the number of lists, and does not
/// allocate: a message is folded into a stack buffer, and pure ASCII text is
/// not folded at all (`ASCIIPhraseDFA` runs the automaton over its bytes).
///
/// A class, so that evaluators share its tables without copying them.
public final class PhraseSetMatcher: Sendable {
    /// The lists as given; a list's index is its bit in `scan`'s output.
    public let lists: [[String]]
    /// Per pattern given to `init(lists:patterns:)`: the list, after
    /// `lists`, whose bit `scan` sets when the message may match the pattern
    /// (`Pattern.mayMatch`), so one pass over a message serves phrases and
    /// patterns alike; nil when the pattern has no literals to look for
    /// that way (ask `mayMatch`).
    public let patternLists: [Int?]
    /// Lists in all, phrase lists then pattern lists: `scan` writes this many bits.
    public let listCount: Int
    /// Words of 64 bits `scan` writes.
    public var wordCount: Int { (listCount + 63) / 64 }

    private let asciiClass: [Int32]  // 128 entries
    private let boundaryClass: Int32
    private let otherClasses: [UInt32: Int32]
    private let classCount: Int
    /// `delta[state * classCount + class]`: the next state, with `hasOutput`
    /// set when that state recognises some list.
    private let delta: [Int32]
    private static let hasOutput: Int32 = 1 << 30
    private static let stateMask: Int32 = hasOutput - 1
    /// Lists recognised in state `s`: `outputLists[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputLists: [Int32]
    private let hasPhrases: Bool
    /// The automaton over ASCII bytes; nil when its table would be too large.
    let asciiDFA: ASCIIPhraseDFA?

    public convenience init(lists: [[String]], patterns: [Pattern] = []) {
        self.init(lists: lists, patterns: patterns, maxASCIITable: ASCIIPhraseDFA.maxEntries)
    }

    /// A matcher that looks only for the lists in `included` (numbered as
    /// `init(lists:patterns:)` numbers them, phrase lists then pattern
    /// lists): it numbers and sizes its output as that matcher does, and
    /// never sets the bit of a list it leaves out. A smaller automaton
    /// than all the lists make: the scan stays near its start on words
    /// that begin none of its phrases, and reads fewer rows of its table.
    public convenience init(lists: [[String]], patterns: [Pattern] = [], including included: Set<Int>) {
        self.init(lists: lists, patterns: patterns, maxASCIITable: ASCIIPhraseDFA.maxEntries, including: included)
    }

    /// `maxASCIITable`: the most entries of the byte table (0: ASCII text is
    /// folded like any other); `included`: the lists to look for (nil: all).
    init(lists: [[String]], patterns: [Pattern] = [], maxASCIITable: Int, including included: Set<Int>? = nil) {
        self.lists = lists
        var symbolLists: [([UInt32], Int32)] = []
        for (list, phrases) in lists.enumerated() where included?.contains(list) ?? true {
            for phrase in phrases {
                let symbols = PhraseSymbols.of(phrase: phrase)
                if !symbols.isEmpty { symbolLists.append((symbols, Int32(list))) }
            }
        }
        // A pattern's required literals, found anywhere (even mid-word), as
        // one more list; only when every literal has ASCII symbols, since
        // the bit then decides for ASCII text (other text is folded, and the
        // bit is set regardless: see `scanFolded`).
        var patternLists: [Int?] = []
        var listCount = lists.count
        for pattern in patterns {
            let literals = pattern.program.requiredFactors?.factors.map(PhraseSymbols.of(literal:))
            guard let literals, !literals.isEmpty, literals.allSatisfy({ $0 != nil }) else {
                patternLists.append(nil)
                continue
            }
            if included?.contains(listCount) ?? true {
                for symbols in literals { symbolLists.append((symbols!, Int32(listCount))) }
            }
            patternLists.append(listCount)
            listCount += 1
        }
        self.listCount = listCount
        var classes: [UInt32: Int32] = [:]  // symbol → class (0 is "no phrase has it")
        for (symbols, _) in symbolLists {
            for symbol in symbols where classes[symbol] == nil { classes[symbol] = Int32(classes.count + 1) }
        }
        let classCount = classes.count + 1
        var ascii = [Int32](repeating: 0, count: 128)
        var others: [UInt32: Int32] = [:]
        for (symbol, id) in classes {
            if symbol < 128 { ascii[Int(symbol)] = id } else if symbol != PhraseSymbols.boundary { others[symbol] = id }
        }

        // Trie over classes.
        var children: [[Int32: Int32]] = [[:]]
        var outputs: [Set<Int32>] = [[]]
        for (symbols, list) in symbolLists {
            var state = 0
            for symbol in symbols {
                let cls = classes[symbol]!
                if let next = children[state][cls] {
                    state = Int(next)
                } else {
                    children.append([:])
                    outputs.append([])
                    children[state][cls] = Int32(children.count - 1)
                    state = children.count - 1
                }
            }
            outputs[state].insert(list)
        }

        // Dense DFA, breadth first: a state's failure is complete before its children.
        let stateCount = children.count
        var delta = [Int32](repeating: 0, count: stateCount * classCount)
        var failure = [Int32](repeating: 0, count: stateCount)
        var queue: [Int32] = []
        for (cls, target) in children[0] {
            delta[Int(cls)] = target
            queue.append(target)
        }
        var head = 0
        while head < queue.count {
            let state = Int(queue[head])
            head += 1
            let fallback = Int(failure[state])
            outputs[state].formUnion(outputs[fallback])
            for cls in 0..<classCount {
                if let target = children[state][Int32(cls)] {
                    failure[Int(target)] = delta[fallback * classCount + cls]
                    delta[state * classCount + cls] = target
                    queue.append(target)
                } else {
                    delta[state * classCount + cls] = delta[fallback * classCount + cls]
                }
            }
        }
        var outputStart: [Int32] = []
        var outputLists: [Int32] = []
        for set in outputs {
            outputStart.append(Int32(outputLists.count))
            outputLists.append(contentsOf: set.sorted())
        }
        outputStart.append(Int32(outputLists.count))
        for index in delta.indices where !outputs[Int(delta[index])].isEmpty { delta[index] |= Self.hasOutput }

        // ASCII bytes fold to ASCII symbols, as `Folder` and `PhraseSymbols` would make them.
        let dense = FoldTable.shared.dense
        var asciiSymbolClass = [Int32](repeating: 0, count: 128)
        var asciiKind = [Int](repeating: ASCIIPhraseDFA.other, count: 128)
        for byte in 0..<128 {
            let packed = dense[byte]
            let value = packed & Packed.scalarMask
            asciiSymbolClass[byte] = value < 128 ? ascii[Int(value)] : (others[value] ?? 0)
            if packed & Packed.wordBit != 0 {
                asciiKind[byte] = ASCIIPhraseDFA.word
            } else if CompiledClass.isWhitespace(value) {
                asciiKind[byte] = ASCIIPhraseDFA.space
            }
        }

        let boundaryClass = classes[PhraseSymbols.boundary] ?? 0
        let starts = outputStart
        asciiDFA = ASCIIPhraseDFA(
            stateCount: stateCount, classCount: classCount, delta: delta, flag: Self.hasOutput,
            asciiClass: asciiSymbolClass, asciiKind: asciiKind,
            boundaryClass: Int(boundaryClass), spaceClass: Int(ascii[Int(PhraseSymbols.space)]),
            outputs: { outputLists[Int(starts[$0])..<Int(starts[$0 + 1])] },
            maxEntries: maxASCIITable)
        // Without the byte table every text is folded, which sets every
        // pattern's bit: `mayMatch` would then be the better test.
        self.patternLists = asciiDFA == nil ? patternLists.map { _ in nil } : patternLists
        self.asciiClass = ascii
        self.boundaryClass = boundaryClass
        self.otherClasses = others
        self.classCount = classCount
        self.delta = delta
        self.outputStart = outputStart
        self.outputLists = outputLists
        self.hasPhrases = !symbolLists.isEmpty
    }

    /// Sets bit `i` of `bits` (which holds `wordCount` words) for every list
    /// `i` with a phrase in `text`. Bits of other lists are left as they are.
    public func scan(_ text: String, into bits: UnsafeMutablePointer<UInt64>) {
        guard hasPhrases else { return }
        text.withUTF8Bytes { bytes in
            guard bytes.count > 0 else { return }
            if let asciiDFA, scan(bytes, with: asciiDFA, into: bits) { return }
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: bytes.count) { buffer in
                var folder = Folder(buffer: buffer, table: FoldTable.shared)
                folder.appendUTF8(bytes)
                scanFolded(UnsafeBufferPointer(rebasing: buffer[0..<folder.count]), into: bits)
            }
        }
    }

    /// As `scan(_:into:)`, over a message folded already.
    public func scan(_ text: FoldedText, into bits: UnsafeMutablePointer<UInt64>) {
        guard hasPhrases else { return }
        text.storage.withUnsafeBufferPointer { scanFolded($0, into: bits) }
    }

    /// The indices of the lists with a phrase in `text`, ascending.
    public func matchingLists(_ text: String) -> [Int] {
        var bits = [UInt64](repeating: 0, count: max(wordCount, 1))
        bits.withUnsafeMutableBufferPointer { scan(text, into: $0.baseAddress!) }
        return lists.indices.filter { bits[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }
    }

    /// Scans ASCII `bytes` without folding them, one table load per byte;
    /// returns false, having set no bits, when a byte is not ASCII, so the
    /// caller scans the text the general way.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, with dfa: ASCIIPhraseDFA, into bits: UnsafeMutablePointer<UInt64>) -> Bool {
        guard ASCIIPhraseDFA.isASCII(bytes) else { return false }
        let row = dfa.run(bytes, into: bits)
        let combined = dfa.combined(ofRow: row)
        if combined % 3 == ASCIIPhraseDFA.word {
            let last = delta[(combined / 3) * classCount + Int(boundaryClass)]
            if last & Self.hasOutput != 0 { report(Int(last & Self.stateMask), into: bits) }
        }
        return true
    }

    private func scanFolded(_ text: UnsafeBufferPointer<UInt32>, into bits: UnsafeMutablePointer<UInt64>) {
        // Folding can turn a scalar that is not a word character into an
        // ASCII letter, which moves the boundaries a literal's symbols
        // assume: folded text may match every pattern, as `mayMatch` says of
        // text that is not ASCII.
        for list in patternLists { if let list { bits[list >> 6] |= 1 << UInt64(list & 63) } }
        let classCount = self.classCount
        let boundaryClass = self.boundaryClass
        asciiClass.withUnsafeBufferPointer { ascii in
        delta.withUnsafeBufferPointer { delta in
            var state = 0
            PhraseSymbols.forEach(in: text) { symbol in
                let cls: Int32
                if symbol < 128 {
                    cls = ascii[Int(symbol)]
                } else if symbol == PhraseSymbols.boundary {
                    cls = boundaryClass
                } else {
                    cls = otherClasses[symbol] ?? 0
                }
                let next = delta[state &* classCount &+ Int(cls)]
                state = Int(next & Self.stateMask)
                if next & Self.hasOutput != 0 { report(state, into: bits) }
                return true
            }
        }
        }
    }

    /// Sets the bits of the lists state `state` recognises.
    @inline(__always)
    private func report(_ state: Int, into bits: UnsafeMutablePointer<UInt64>) {
        for index in Int(outputStart[state])..<Int(outputStart[state + 1]) {
            let list = Int(outputLists[index])
            bits[list >> 6] |= 1 << UInt64(list & 63)
        }
    }
}
