/// A `PhraseSetMatcher`'s automaton lifted from symbols to ASCII bytes.
///
/// The symbol stream inserts a boundary where a word starts or ends and
/// collapses whitespace runs to one space, so one byte stands for zero, one
/// or two symbols depending on the byte before it. Keeping that previous
/// kind (word, space, other) in the state makes every byte one table load:
/// state `q * 3 + kind`, one column per byte class (bytes with the same
/// symbol class and kind). A transition whose steps pass through a state
/// that recognises a list is flagged, and carries in its spare bits a hit
/// record: the lists those steps recognise, so a match costs a short loop
/// over them. Only when there are more distinct records than spare bits
/// does the scan redo the steps one symbol at a time (record 0).
struct ASCIIPhraseDFA: Sendable {
    static let word = 0, space = 1, other = 2
    static let hit: Int32 = 1 << 30
    /// The largest table (entries, 1 MB); with larger automata ASCII text
    /// is folded and scanned like any other.
    static let maxEntries = 1 << 18
    /// Row offsets are below `maxEntries`: bits 18–29 are left for a hit record.
    static let rowMask: Int32 = Int32(maxEntries) - 1
    static let recordShift: Int32 = 18
    static let maxRecords = Int(hit >> recordShift) - 1

    /// Per ASCII byte: its column.
    let byteColumn: [UInt8]
    let columnCount: Int
    /// Per column: the symbol class and kind of its bytes.
    let columnClass: [Int32]
    let columnKind: [Int]
    /// `next[row + column]`, where `row` is a row number times
    /// `columnCount`: the target's row in the bits of `rowMask`, a hit record
    /// from bit `recordShift`, and `hit` as above. Rows rather than states,
    /// so the scan's chain from one byte to the next has no multiply.
    let next: [Int32]
    /// Only the combined states a scan can reach have a row (most automaton
    /// states follow one kind of byte only), in their order: a table a
    /// third the size misses the cache less. `rowCombined[r]` is row `r`'s
    /// combined state; `startRow` is the scan's first row (state 0, nothing before).
    let rowCombined: [Int32]
    let startRow: Int
    /// The row of state 0 after whitespace (-1 when no scan reaches it),
    /// where a second walk over a long message starts (see `run`).
    let afterSpaceRow: Int
    /// Per ASCII byte: 0 for whitespace, else 1 (what `split` counts).
    let solid: [UInt8]
    /// The most non-whitespace bytes one match can span: a phrase's symbols.
    let maxMatchBytes: Int
    /// The lists of hit record `r`: `recordLists[recordStart[r]..<recordStart[r + 1]]`
    /// (record 0, "redo the steps", has none).
    let recordStart: [Int32]
    let recordLists: [Int32]

    /// Builds the table over `delta` (symbol transitions, `classCount`
    /// columns, entries possibly flagged with `flag`); nil when too large.
    /// `asciiClass` and `asciiKind` give each byte's symbol class and kind;
    /// `outputs(state)` the lists an automaton state recognises. At most
    /// `maxRecords` hit records are made (never more than `Self.maxRecords`).
    init?(
        stateCount: Int, classCount: Int, delta: [Int32], flag: Int32,
        asciiClass: [Int32], asciiKind: [Int], boundaryClass: Int, spaceClass: Int, outputs: (Int) -> ArraySlice<Int32>,
        maxEntries: Int, maxRecords: Int, maxMatchBytes: Int
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
        let entries = stateCount * 3 * columnCount
        guard entries <= min(maxEntries, Self.maxEntries) else { return nil }
        let recordLimit = min(maxRecords, Self.maxRecords)
        var recordIDs: [[Int32]: Int32] = [:]
        var recordStart: [Int32] = [0, 0]
        var recordLists: [Int32] = []
        // Only the rows reachable from the start are built (most combined
        // states follow one kind of byte only), then renumbered in order.
        let start = Self.other  // state 0, nothing before
        var next = [Int32](repeating: 0, count: entries)
        var reachable = [Bool](repeating: false, count: stateCount * 3)
        reachable[start] = true
        var pending = [start]
        var lists: [Int32] = []  // one buffer for every entry: most recognise nothing
        while let combined = pending.popLast() {
            for column in 0..<columnCount {
                lists.removeAll(keepingCapacity: true)
                let target = Self.steps(
                    from: combined, symbolClass: Int(columnClass[column]), kind: columnKind[column],
                    classCount: classCount, boundaryClass: boundaryClass, spaceClass: spaceClass
                ) { state, symbolClass in
                    Int(delta[state * classCount + symbolClass] & ~flag)
                } visit: { state in
                    let recognised = outputs(state)
                    if !recognised.isEmpty { lists.append(contentsOf: recognised) }
                }
                if !reachable[target] {
                    reachable[target] = true
                    pending.append(target)
                }
                var entry = Int32(target * columnCount)
                if !lists.isEmpty {
                    let key = Set(lists).sorted()
                    var record = recordIDs[key] ?? 0
                    if record == 0, recordIDs.count < recordLimit {
                        record = Int32(recordIDs.count + 1)
                        recordIDs[key] = record
                        recordLists.append(contentsOf: key)
                        recordStart.append(Int32(recordLists.count))
                    }
                    entry |= record << Self.recordShift | Self.hit
                }
                next[combined * columnCount + column] = entry
            }
        }
        var rowOf = [Int32](repeating: -1, count: stateCount * 3)
        var rowCombined: [Int32] = []
        for combined in 0..<(stateCount * 3) where reachable[combined] {
            rowOf[combined] = Int32(rowCombined.count)
            rowCombined.append(Int32(combined))
        }
        var compact = [Int32](repeating: 0, count: rowCombined.count * columnCount)
        for (row, combined) in rowCombined.enumerated() {
            for column in 0..<columnCount {
                let entry = next[Int(combined) * columnCount + column]
                let target = Int(entry & Self.rowMask) / columnCount
                compact[row * columnCount + column] = entry & ~Self.rowMask | rowOf[target] * Int32(columnCount)
            }
        }
        self.byteColumn = byteColumn
        self.columnCount = columnCount
        self.columnClass = columnClass
        self.columnKind = columnKind
        self.next = compact
        self.rowCombined = rowCombined
        self.startRow = Int(rowOf[start]) * columnCount
        let afterSpace = rowOf[Self.space]  // state 0, after whitespace
        self.afterSpaceRow = afterSpace < 0 ? -1 : Int(afterSpace) * columnCount
        self.solid = asciiKind.map { $0 == Self.space ? 0 : 1 }
        self.maxMatchBytes = maxMatchBytes
        self.recordStart = recordStart
        self.recordLists = recordLists
    }

    /// The combined state (automaton state * 3 + kind of the byte before) of a row offset.
    @inline(__always)
    func combined(ofRow row: Int) -> Int { Int(rowCombined[row / columnCount]) }

    /// The hit record of a flagged entry (0: redo the steps).
    @inline(__always)
    static func record(of entry: Int32) -> Int { Int((entry & (hit - 1)) >> recordShift) }

    /// Runs the table over `bytes` (all ASCII) from the start row and
    /// returns the last row, calling `onHit(entry, row, column)` on every
    /// flagged transition. Kept apart from the hit handling so the loop
    /// holds its few pointers in registers.
    ///
    /// Each byte's load waits for the one before, so a long message is
    /// walked as two chains at once: the first half from the start, and
    /// the second from just after a whitespace byte early enough that more
    /// than `maxMatchBytes` non-whitespace bytes lie between it and the
    /// half-way point. From that point on, the second walk is in the very
    /// state a single walk would be (no match, nor any prefix of one, can
    /// reach back past where it started), so it reports every match ending
    /// in the second half; before it, it reports only real matches, which
    /// the first walk finds too. A match reported twice sets the same bit.
    @inline(__always)
    func run(_ bytes: UnsafeBufferPointer<UInt8>, onHit: (Int32, Int, Int) -> Void) -> Int {
        byteColumn.withUnsafeBufferPointer { byteColumn in
            next.withUnsafeBufferPointer { next in
                let columns = byteColumn.baseAddress!, table = next.baseAddress!
                let (half, second) = split(bytes)
                var row = startRow
                var index = 0
                if second > 0 {
                    // Both chains in one loop, then the rest of the second.
                    var other = afterSpaceRow
                    var at = second
                    while index < half {
                        let column = Int(columns[Int(bytes[index])]), otherColumn = Int(columns[Int(bytes[at])])
                        let entry = table[row &+ column], otherEntry = table[other &+ otherColumn]
                        if _slowPath(entry & Self.hit != 0) { onHit(entry, row, column) }
                        if _slowPath(otherEntry & Self.hit != 0) { onHit(otherEntry, other, otherColumn) }
                        row = Int(entry & Self.rowMask)
                        other = Int(otherEntry & Self.rowMask)
                        index += 1
                        at += 1
                    }
                    row = other
                    index = at
                }
                while index < bytes.count {
                    let column = Int(columns[Int(bytes[index])])
                    let entry = table[row &+ column]
                    if _slowPath(entry & Self.hit != 0) { onHit(entry, row, column) }
                    row = Int(entry & Self.rowMask)
                    index += 1
                }
                return row
            }
        }
    }

    /// Where `run` splits `bytes`: the first walk's end and the second's
    /// start, or (0, 0) to walk them once.
    @inline(__always)
    private func split(_ bytes: UnsafeBufferPointer<UInt8>) -> (half: Int, second: Int) {
        guard afterSpaceRow >= 0, bytes.count >= 4 * (maxMatchBytes + 8) else { return (0, 0) }
        let half = (bytes.count + maxMatchBytes) / 2
        return self.solid.withUnsafeBufferPointer { solidTable in
            // A table read through a pointer and added, not a branch per byte.
            let isSolid = solidTable.baseAddress!
            var start = half, solid = 0
            while start > 0, solid <= maxMatchBytes {
                start -= 1
                solid &+= Int(isSolid[Int(bytes[start])])
            }
            // Back to a byte that follows whitespace and is not whitespace itself.
            while start > 0, isSolid[Int(bytes[start - 1])] != 0 || isSolid[Int(bytes[start])] == 0 { start -= 1 }
            // The chains run in step for `half` bytes: the second must not run off the end.
            guard start > 0, start + half <= bytes.count else { return (0, 0) }
            return (half, start)
        }
    }

    /// Whether every byte of `bytes` is below 0x80: 32 at a time (four
    /// words ORed, one branch), then eight, then one.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let high: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index &+ 32 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index &+ 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index &+ 16, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index &+ 24, as: UInt64.self)
            if word & high != 0 { return false }
            index &+= 32
        }
        while index &+ 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & high != 0 { return false }
            index &+= 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
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
