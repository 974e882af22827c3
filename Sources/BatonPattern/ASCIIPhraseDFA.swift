/// A `PhraseSetMatcher`'s automaton lifted from symbols to ASCII bytes.
///
/// The symbol stream inserts a boundary where a word starts or ends and
/// collapses whitespace runs to one space, so one byte stands for zero, one
/// or two symbols depending on the byte before it. Keeping that previous
/// kind (word, space, other) in the state makes every byte one table load:
/// state `q * 3 + kind`, one column per byte class (bytes with the same
/// symbol class and kind). A transition whose steps pass through a state
/// that recognises a list is flagged; the scan then redoes those steps one
/// symbol at a time to report the lists, which happens only on matches.
struct ASCIIPhraseDFA: Sendable {
    static let word = 0, space = 1, other = 2
    static let hit: Int32 = 1 << 30
    static let mask: Int32 = hit - 1
    /// The largest table built by default (entries, 1 MB); with larger
    /// automata ASCII text is folded and scanned like any other.
    static let maxEntries = 1 << 18

    /// Per ASCII byte: its column.
    let byteColumn: [UInt8]
    let columnCount: Int
    /// Per column: the symbol class and kind of its bytes.
    let columnClass: [Int32]
    let columnKind: [Int]
    /// `next[row + column]`, where `row` is `state * columnCount`: the
    /// target's row, with `hit` set as above. Rows rather than states, so
    /// the scan's chain from one byte to the next has no multiply.
    let next: [Int32]

    /// Builds the table over `delta` (symbol transitions, `classCount`
    /// columns, entries possibly flagged with `flag`); nil when too large.
    /// `asciiClass` and `asciiKind` give each byte's symbol class and kind.
    init?(
        stateCount: Int, classCount: Int, delta: [Int32], flag: Int32,
        asciiClass: [Int32], asciiKind: [Int], boundaryClass: Int, spaceClass: Int, hasOutput: (Int) -> Bool,
        maxEntries: Int
    ) {
        var columns: [Int: UInt8] = [:]  // class * 3 + kind → column
        var byteColumn = [UInt8](repeating: 0, count: 128)
        var columnClass: [Int32] = []
        var columnKind: [Int] = []
        for byte in 0..<128 {
            let key = Int(asciiClass[byte]) * 3 + asciiKind[byte]
            if let column = columns[key] {
                byteColumn[byte] = column
            } else {
                let column = UInt8(columnClass.count)
                columns[key] = column
                byteColumn[byte] = column
                columnClass.append(asciiClass[byte])
                columnKind.append(asciiKind[byte])
            }
        }
        let columnCount = columnClass.count
        guard stateCount * 3 * columnCount <= maxEntries else { return nil }
        var next = [Int32](repeating: 0, count: stateCount * 3 * columnCount)
        for combined in 0..<(stateCount * 3) {
            for column in 0..<columnCount {
                var passedOutput = false
                let target = Self.steps(
                    from: combined, symbolClass: Int(columnClass[column]), kind: columnKind[column],
                    classCount: classCount, boundaryClass: boundaryClass, spaceClass: spaceClass
                ) { state, symbolClass in
                    Int(delta[state * classCount + symbolClass] & ~flag)
                } visit: { state in
                    if hasOutput(state) { passedOutput = true }
                }
                next[combined * columnCount + column] = Int32(target * columnCount) | (passedOutput ? Self.hit : 0)
            }
        }
        self.byteColumn = byteColumn
        self.columnCount = columnCount
        self.columnClass = columnClass
        self.columnKind = columnKind
        self.next = next
    }

    /// The combined state after one byte of `symbolClass` and `kind` from
    /// `combined`, calling `visit` with the automaton state after each symbol.
    @inline(__always)
    static func steps(
        from combined: Int, symbolClass: Int, kind: Int, classCount: Int, boundaryClass: Int, spaceClass: Int,
        transition: (Int, Int) -> Int, visit: (Int) -> Void
    ) -> Int {
        var state = combined / 3
        let previous = combined % 3
        if (kind == word) != (previous == word) {
            state = transition(state, boundaryClass)
            visit(state)
        }
        if kind == space {
            if previous != space {
                state = transition(state, spaceClass)
                visit(state)
            }
        } else {
            state = transition(state, symbolClass)
            visit(state)
        }
        return state * 3 + kind
    }
}
