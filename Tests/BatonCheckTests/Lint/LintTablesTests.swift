@testable import BatonCheck
import BatonTestSupport
import Testing

/// The lint's own small tables, checked against plain dictionaries.
@Suite("Lint: tables")
struct LintTablesTests {
    /// Every answer comes back as first computed, across growth, and each
    /// pair is computed once; ids use all 31 bits.
    @Test func pairCacheRemembersAcrossGrowth() {
        var cache = PairCache()
        var expected: [Int64: Bool] = [:]
        var computed = 0
        var random = SeededRandom(seed: 0x2545_F491)
        for _ in 0..<20_000 {
            // Few distinct pairs, so most look-ups hit, and large ids.
            let a = Int32(random.next(97)) + (Int32.max - 100)
            let b = Int32(random.next(89))
            let key = Int64(a) << 32 | Int64(b)
            let truth = (a ^ b) & 1 == 0
            let answer = cache.answer(a, b) {
                computed += 1
                return truth
            }
            #expect(answer == truth)
            expected[key] = truth
        }
        #expect(computed == expected.count)
        // (a, b) and (b, a) are different pairs.
        #expect(cache.answer(1, 2) { true } == true)
        #expect(cache.answer(2, 1) { false } == false)
        #expect(cache.answer(1, 2) { false } == true)
    }

    /// Equal elements find the first position; unequal elements that share
    /// a hash are kept apart.
    @Test func firstOccurrencesSeparatesCollisions() {
        let words = ["a", "b", "a", "c", "b", "c", "d", "a"]
        // One hash for all: every look-up after the first collides.
        var colliding = FirstOccurrences<String>()
        var hashed = FirstOccurrences<String>()
        var reference: [String: Int] = [:]
        for (position, word) in words.enumerated() {
            let expected = reference[word]
            if expected == nil { reference[word] = position }
            #expect(colliding.first(at: position, hash: 7) { words[$0] } == expected)
            #expect(hashed.first(at: position, hash: word.hashValue) { words[$0] } == expected)
        }
    }

    /// Across the table's growth, with hashes that spread and hashes that
    /// collide in bulk, every element finds its first occurrence.
    @Test func firstOccurrencesAgreeWithDictionaryAcrossGrowth() {
        let values = (0..<2_000).map { ($0 &* 7_919) % 700 }
        var spread = FirstOccurrences<Int>(capacity: 4)
        var clustered = FirstOccurrences<Int>()
        var reference: [Int: Int] = [:]
        for (position, value) in values.enumerated() {
            let expected = reference[value]
            if expected == nil { reference[value] = position }
            #expect(spread.first(at: position, hash: value.hashValue) { values[$0] } == expected)
            #expect(clustered.first(at: position, hash: value % 5) { values[$0] } == expected)
        }
    }
}
