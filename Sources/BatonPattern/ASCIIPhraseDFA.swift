/// A `PhraseSetMatcher`'s automaton lifted from symbols to ASCII bytes.
///
/// The symbol stream inserts a boundary where a word starts or ends and
/// collapses whitespace runs to one space, so one byte stands for zero, one
/// or two symbols depending on the byte before it. Keeping that previous
/// kind (word, space, other) in the state makes every byte one table load:
/// state `q * 3 + kind`, one column per byte class (bytes with the same
/// symbol class and kind).
///
/// A byte whose steps pass through a state that recognises a list leads to
/// a hit row: a copy of its target's row, standing for the lists those
/// steps recognise, placed before the plain rows so that its offset is
/// negative. The walk then tests for a hit by the sign of the row it has
/// loaded anyway (four chains' rows with one test, ORed), and loads
/// nothing else; a hit row's lists cost a short loop when one is reached.
struct ASCIIPhraseDFA: Sendable {
    static let word = 0, space = 1, other = 2
    /// The largest table (entries, 1 MB); with larger automata ASCII text
    /// is folded and scanned like any other.
    static let maxEntries = 1 << 18

    /// Per ASCII byte: its column's offset in a row, in bytes.
    let byteColumn: [UInt16]
    let columnCount: Int
    /// The bytes of one row: `columnCount` entries.
    let rowStride: Int
    /// The hit rows, then the plain rows. The entry at byte offset
    /// `row + column` from the first plain row is the target's row. Rows
    /// are byte offsets too, so the chain from one byte to the next is an
    /// add and a load: no multiply, no scaled index and no mask. Entries
    /// are 16 bits wide when every offset fits (`narrow`, the other array
    /// empty): half the cache lines, which a scan through one intent's
    /// matcher among many mostly misses.
    let narrow: [Int16]
    let wide: [Int32]
    /// Hit rows in the table, before the plain rows: rows below 0.
    let hitRowCount: Int
    /// Only the combined states a scan can reach have a plain row (most
    /// automaton states follow one kind of byte only), in their order: a
    /// table a third the size misses the cache less. `rowCombined[r]` is
    /// the combined state of the table's `r`th row (a hit row's is its
    /// target's); `startRow` is the scan's first row (state 0, nothing before).
    let rowCombined: [Int32]
    let startRow: Int
    /// Per kind of the byte before (word, space, other): the row of state
    /// 0, where the later pieces of a long message start (see `run`), or
    /// -1 when no scan reaches it. These are the first plain rows, so the
    /// rows of state 0 are the rows from 0 to `rootRowsEnd`.
    let rootRows: [Int]
    let rootRowsEnd: Int
    /// Per ASCII byte: its kind.
    let byteKind: [UInt8]
    /// The lists of the `h`th hit row: `hitLists[hitListStart[h]..<hitListStart[h + 1]]`.
    let hitListStart: [Int32]
    let hitLists: [Int32]

    /// Builds the table over `delta` (symbol transitions, `classCount`
    /// columns, entries possibly flagged with `flag`); nil when too large.
    /// `asciiClass` and `asciiKind` give each byte's symbol class and kind;
    /// `outputs(state)` the lists an automaton state recognises.
    init?(
        stateCount: Int, classCount: Int, delta: [Int32], flag: Int32,
        asciiClass: [Int32], asciiKind: [Int], boundaryClass: Int, spaceClass: Int, outputs: (Int) -> ArraySlice<Int32>,
        maxEntries: Int
    ) {
        var columns: [Int: Int] = [:]  // class * 3 + kind → column
        var byteColumn = [Int](repeating: 0, count: 128)
        var columnClass: [Int] = []
        var columnKind: [Int] = []
        for byte in 0..<128 {
            let key = Int(asciiClass[byte]) * 3 + asciiKind[byte]
            if columns[key] == nil {
                columns[key] = columnClass.count
                columnClass.append(Int(asciiClass[byte]))
                columnKind.append(asciiKind[byte])
            }
            byteColumn[byte] = columns[key]!
        }
        let columnCount = columnClass.count
        let limit = min(maxEntries, Self.maxEntries)
        let combinedCount = stateCount * 3
        guard combinedCount * columnCount <= limit else { return nil }
        // Per (combined state, column) reached: the target combined state,
        // and its hit row (-1: none). Only the states reachable from the
        // start are walked (most combined states follow one kind of byte
        // only); they get plain rows in their order, after the hit rows.
        let start = Self.other  // state 0, nothing before
        var target = [Int32](repeating: 0, count: combinedCount * columnCount)
        var hitOf = [Int32](repeating: -1, count: combinedCount * columnCount)
        var hitIDs: [[Int32]: Int32] = [:]  // target, then its sorted lists
        var hitTarget: [Int32] = []
        var hitListStart: [Int32] = [0]
        var hitLists: [Int32] = []
        var reachable = [Bool](repeating: false, count: combinedCount)
        reachable[start] = true
        var pending = [start]
        var lists: [Int32] = []  // one buffer for every entry: most recognise nothing
        while let combined = pending.popLast() {
            for column in 0..<columnCount {
                lists.removeAll(keepingCapacity: true)
                let reached = Self.steps(
                    from: combined, symbolClass: columnClass[column], kind: columnKind[column],
                    classCount: classCount, boundaryClass: boundaryClass, spaceClass: spaceClass
                ) { state, symbolClass in
                    Int(delta[state * classCount + symbolClass] & ~flag)
                } visit: { state in
                    let recognised = outputs(state)
                    if !recognised.isEmpty { lists.append(contentsOf: recognised) }
                }
                if !reachable[reached] {
                    reachable[reached] = true
                    pending.append(reached)
                }
                let entry = combined * columnCount + column
                target[entry] = Int32(reached)
                if !lists.isEmpty {
                    let sorted = Set(lists).sorted()
                    let key = [Int32(reached)] + sorted
                    if let id = hitIDs[key] {
                        hitOf[entry] = id
                    } else {
                        let id = Int32(hitTarget.count)
                        hitIDs[key] = id
                        hitTarget.append(Int32(reached))
                        hitLists.append(contentsOf: sorted)
                        hitListStart.append(Int32(hitLists.count))
                        hitOf[entry] = id
                    }
                }
            }
        }
        // Rows numbered from the first plain row: hit rows are -hitCount..<0.
        let hitCount = hitTarget.count
        var rowOf = [Int32](repeating: -1, count: combinedCount)
        var rowCombined = hitTarget
        for combined in 0..<combinedCount where reachable[combined] {
            rowOf[combined] = Int32(rowCombined.count - hitCount)
            rowCombined.append(Int32(combined))
        }
        guard rowCombined.count * columnCount <= limit else { return nil }
        let isNarrow = rowCombined.count * columnCount * MemoryLayout<Int16>.stride <= Int(Int16.max)
        let entrySize = isNarrow ? MemoryLayout<Int16>.stride : MemoryLayout<Int32>.stride
        let rowStride = columnCount * entrySize
        var compact = [Int](repeating: 0, count: rowCombined.count * columnCount)
        for (index, combined) in rowCombined.enumerated() {
            for column in 0..<columnCount {
                let entry = Int(combined) * columnCount + column
                let hit = hitOf[entry]
                let targetRow = hit >= 0 ? hit - Int32(hitCount) : rowOf[Int(target[entry])]
                compact[index * columnCount + column] = Int(targetRow) * rowStride
            }
        }
        self.byteColumn = byteColumn.map { UInt16($0 * entrySize) }
        self.columnCount = columnCount
        self.rowStride = rowStride
        self.narrow = isNarrow ? compact.map { Int16($0) } : []
        self.wide = isNarrow ? [] : compact.map { Int32($0) }
        self.hitRowCount = hitCount
        self.rowCombined = rowCombined
        self.startRow = Int(rowOf[start]) * rowStride
        // Combined states 0, 1 and 2 are state 0 after each kind: the first plain rows.
        self.rootRows = (0..<3).map { rowOf[$0] < 0 ? -1 : Int(rowOf[$0]) * rowStride }
        self.rootRowsEnd = (0..<3).filter { rowOf[$0] >= 0 }.count * rowStride
        self.byteKind = asciiKind.map { UInt8($0) }
        self.hitListStart = hitListStart
        self.hitLists = hitLists
    }

    /// The combined state (automaton state * 3 + kind of the byte before) of a row offset.
    @inline(__always)
    func combined(ofRow row: Int) -> Int { Int(rowCombined[row / rowStride + hitRowCount]) }

    /// Runs the table over `bytes` (all ASCII) from the start row, sets
    /// bit `i` of `bits` for every list `i` a hit row reached stands for,
    /// and returns the last row.
    ///
    /// Each byte's load waits for the one before, so a message of
    /// `piecesFrom` bytes or more is cut into four pieces of a quarter
    /// each, walked as four chains at once: the first from the start row,
    /// the others from state 0 after the kind of the byte before their
    /// piece. That start may be wrong (the piece before can end inside a
    /// phrase), but it can only miss matches, never make one up: a walk
    /// from state 0 follows the longest phrase prefix ending in its own
    /// piece, a suffix of what a single walk follows. So each piece is then
    /// checked against the row the piece before really ended in; if that
    /// is not the row it started from, the piece is walked again from
    /// there until the walk reaches state 0, where the piece's own walk,
    /// following a suffix of the same text, must be too. That is seldom
    /// more than a word.
    ///
    /// Hits are set in line, not through a call: a call in a walk would
    /// keep its values in the few registers a call leaves alone, and the
    /// compiler then spills some of them on every byte.
    @inline(__always)
    func run(_ bytes: UnsafeBufferPointer<UInt8>, into bits: UnsafeMutablePointer<UInt64>) -> Int {
        wide.isEmpty ? run(bytes, into: bits, entries: narrow) : run(bytes, into: bits, entries: wide)
    }

    @inline(__always)
    private func run<Entry: FixedWidthInteger & SignedInteger>(
        _ bytes: UnsafeBufferPointer<UInt8>, into bits: UnsafeMutablePointer<UInt64>, entries: [Entry]
    ) -> Int {
        guard let text = bytes.baseAddress else { return startRow }
        return byteColumn.withUnsafeBufferPointer { byteColumn in
            entries.withUnsafeBufferPointer { entries in
                let columns = byteColumn.baseAddress!
                let table = UnsafeRawPointer(entries.baseAddress! + hitRowCount * columnCount)
                @inline(__always) func report(_ row: Int) {
                    let hit = row / rowStride &+ hitRowCount
                    for index in Int(hitListStart[hit])..<Int(hitListStart[hit + 1]) {
                        let list = Int(hitLists[index])
                        bits[list >> 6] |= 1 << UInt64(list & 63)
                    }
                }
                /// Walks `from..<to` from `row` and returns the last row;
                /// with `untilRoot`, returns nil as soon as a byte leaves
                /// the walk in state 0.
                @inline(__always) func walk(_ from: Int, _ to: Int, _ start: Int, untilRoot: Bool = false) -> Int? {
                    var row = start
                    for index in from..<to {
                        row = Int(table.load(fromByteOffset: row &+ Int(columns[Int(text[index])]), as: Entry.self))
                        if _slowPath(row < 0) { report(row) }
                        if untilRoot, UInt(bitPattern: row) < UInt(bitPattern: rootRowsEnd) { return nil }
                    }
                    return row
                }
                let quarter = bytes.count / 4
                let starts = pieceStarts(bytes, quarter: quarter)
                guard starts.0 >= 0 else { return walk(0, bytes.count, startRow)! }
                // The four chains in step for a quarter, then the last
                // piece's odd bytes.
                var rows = (startRow, starts.0, starts.1, starts.2)
                let pieces = (text + quarter, text + 2 * quarter, text + 3 * quarter, text + 4 * quarter)
                var index = -quarter
                while index != 0 {
                    index = Self.walkInStep(&rows, pieces, from: index, table: table, columns: columns, entry: Entry.self)
                    if rows.0 < 0 { report(rows.0) }
                    if rows.1 < 0 { report(rows.1) }
                    if rows.2 < 0 { report(rows.2) }
                    if rows.3 < 0 { report(rows.3) }
                }
                var (row0, row1, row2, row3) = rows
                row3 = walk(4 * quarter, bytes.count, row3)!
                // Each piece against the row the piece before really ended in.
                if row0 != starts.0 { row1 = walk(quarter, 2 * quarter, row0, untilRoot: true) ?? row1 }
                if row1 != starts.1 { row2 = walk(2 * quarter, 3 * quarter, row1, untilRoot: true) ?? row2 }
                if row2 != starts.2 { row3 = walk(3 * quarter, bytes.count, row2, untilRoot: true) ?? row3 }
                return row3
            }
        }
    }

    /// The least bytes `run` cuts into pieces.
    static let piecesFrom = 32

    /// The rows the second, third and fourth pieces of `bytes` start from
    /// (state 0 after the byte before each), or -1 to walk `bytes` as one.
    @inline(__always)
    private func pieceStarts(_ bytes: UnsafeBufferPointer<UInt8>, quarter: Int) -> (Int, Int, Int) {
        guard bytes.count >= Self.piecesFrom else { return (-1, -1, -1) }
        let second = rootRows[Int(byteKind[Int(bytes[quarter - 1])])]
        let third = rootRows[Int(byteKind[Int(bytes[2 * quarter - 1])])]
        let fourth = rootRows[Int(byteKind[Int(bytes[3 * quarter - 1])])]
        guard second | third | fourth >= 0 else { return (-1, -1, -1) }
        return (second, third, fourth)
    }

    /// Walks four chains in step, byte `index` of each of `pieces` at a
    /// time, from `index` (negative) up to 0; stops early just after a byte
    /// that leaves a chain on a hit row, and returns the index it reached.
    /// Its own function, with hits handled by the caller, so that its
    /// eleven values stay in registers for the whole loop.
    @inline(never)
    private static func walkInStep<Entry: FixedWidthInteger & SignedInteger>(
        _ rows: inout (Int, Int, Int, Int),
        _ pieces: (UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>),
        from start: Int, table: UnsafeRawPointer, columns: UnsafePointer<UInt16>, entry: Entry.Type
    ) -> Int {
        @inline(__always) func step(_ row: Int, _ byte: UInt8) -> Int {
            Int(table.load(fromByteOffset: row &+ Int(columns[Int(byte)]), as: Entry.self))
        }
        var (row0, row1, row2, row3) = rows
        var index = start
        while index != 0 {
            row0 = step(row0, pieces.0[index])
            row1 = step(row1, pieces.1[index])
            row2 = step(row2, pieces.2[index])
            row3 = step(row3, pieces.3[index])
            index &+= 1
            if _slowPath(row0 | row1 | row2 | row3 < 0) { break }
        }
        rows = (row0, row1, row2, row3)
        return index
    }

    /// Whether every byte of `bytes` is below 0x80. From 16 bytes on, the
    /// words are ORed 16 bytes a step, with no branch on what they hold,
    /// and the last 16 bytes read again, overlapping: one loop, whose end
    /// is the only branch a message's length decides (a loop per width
    /// mispredicted three or four times a scan).
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let high: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func word(_ offset: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        let count = bytes.count
        if count >= 16 {
            var any: UInt64 = 0
            var index = 0
            while index &+ 16 < count {
                any |= word(index) | word(index &+ 8)
                index &+= 16
            }
            return (any | word(count &- 16) | word(count &- 8)) & high == 0
        }
        if count >= 8 { return (word(0) | word(count &- 8)) & high == 0 }
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        return any & 0x80 == 0
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
