import BatonGraph
import BatonPattern

/// The phrase matcher each dispatch list's turns scan with: one that looks
/// only for the phrase lists (and pattern literals) its candidate rules and
/// the tracks can read, where that is fewer than all. A turn's intent, and
/// so its list, is fixed from its customer message on, so every event of
/// the turn reads bits its own scan set.
///
/// With hundreds of lists, most words of a message begin some phrase, and a
/// scan with every list walks a new row of a large table at nearly every
/// byte; one intent's few lists leave it near its start on most words.
struct PhraseScans {
    /// `[0]` looks for every list; the others for one or more dispatch lists' own.
    let matchers: [PhraseSetMatcher]
    /// `matchers` again, unretained (alive while `matchers` is): a scan
    /// reads its matcher without a retain and a release.
    private let unretained: UnsafeMutableBufferPointer<Unmanaged<PhraseSetMatcher>>
    /// Per dispatch list (intent ids, then the intent-free list): its matcher.
    private let matcherOfList: UnsafeMutableBufferPointer<Int32>
    /// Per dispatch list, `words` words: the lists its matcher looks for.
    private let coverage: UnsafeMutableBufferPointer<UInt64>
    private let words: Int

    /// `wanted`: per dispatch list, the list numbers (as `all` numbers
    /// them) that its turns can read.
    init(graph: DecisionGraph, all: PhraseSetMatcher, wanted: [Set<Int>]) {
        var matchers = [all]
        var known: [Set<Int>: Int] = [:]
        var matcherOfList: [Int32] = []
        let words = max(all.wordCount, 1)
        var coverage: [UInt64] = []
        for lists in wanted {
            var matcher = 0
            // Rules that read no phrase list never scan, and rules that read all of them scan for all.
            if !lists.isEmpty, lists.count < all.listCount {
                if let index = known[lists] {
                    matcher = index
                } else {
                    matcher = matchers.count
                    known[lists] = matcher
                    matchers.append(PhraseSetMatcher(lists: graph.phraseLists, patterns: graph.compiledPatterns, including: lists))
                }
            }
            matcherOfList.append(Int32(matcher))
            var bits = [UInt64](repeating: matcher == 0 ? ~0 : 0, count: words)
            if matcher != 0 {
                for list in lists { bits[list >> 6] |= 1 << UInt64(list & 63) }
            }
            coverage += bits
        }
        self.matchers = matchers
        unretained = .copying(matchers.map(Unmanaged.passUnretained))
        self.matcherOfList = .copying(matcherOfList)
        self.coverage = .copying(coverage)
        self.words = words
    }

    func deallocate() {
        unretained.deallocate()
        matcherOfList.deallocate()
        coverage.deallocate()
    }

    @inline(__always)
    private func dispatchList(forIntent intent: UInt16) -> Int {
        DispatchTables.listIndex(forIntent: intent, lists: matcherOfList.count)
    }

    /// The matcher a turn with top intent id `intent` scans with first, and
    /// whether it looks for every list; with `allLists`, the one that does.
    @inline(__always)
    func matcher(forIntent intent: UInt16, allLists: Bool) -> (matcher: Unmanaged<PhraseSetMatcher>, isFull: Bool) {
        let index = allLists ? 0 : Int(matcherOfList[dispatchList(forIntent: intent)])
        return (unretained[index], index == 0)
    }

    /// Whether that matcher looks for list `list`.
    @inline(__always)
    func covers(_ list: Int, intent: UInt16) -> Bool {
        coverage[dispatchList(forIntent: intent) * words + list >> 6] & (1 << UInt64(list & 63)) != 0
    }
}
