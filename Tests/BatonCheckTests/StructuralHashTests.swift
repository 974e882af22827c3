@testable import BatonCheck
import BatonCore
import Testing

/// Equal checked trees must hash equal, since `==` compares the cached
/// hashes first; the lint's tables keyed by them must agree with `==`.
@Suite("Structural hashes and the lint's keyed tables")
struct StructuralHashTests {
    static let location = CheckedExpr.Location(path: "t.baton", range: SourceRange(start: 0, end: 1))

    static func constant(_ text: String) -> CheckedExpr {
        CheckedExpr(.constant(.string(text)), type: .string, location: location)
    }

    /// Pairs of spellings Swift's `==` treats as the same text.
    @Test(arguments: [
        ("K", "\u{212A}"),
        (";", "\u{037E}"),
        ("`", "\u{1FEF}"),
        ("order K-12 shipped", "order \u{212A}-12 shipped"),
        ("caf\u{E9}", "cafe\u{301}"),
        ("\u{C5}ngstr\u{F6}m and more", "A\u{30A}ngstro\u{308}m and more"),
    ])
    func canonicallyEqualTextHashesEqual(_ pair: (String, String)) {
        #expect(pair.0 == pair.1)
        #expect(Self.constant(pair.0).structuralHash == Self.constant(pair.1).structuralHash)
        #expect(Self.constant(pair.0) == Self.constant(pair.1))
        #expect(Self.constant(pair.0).fingerprint == Self.constant(pair.1).fingerprint)
    }

    @Test func differentTextDiffers() {
        let texts = ["", "a", "b", "ab", "ba", "abcdefgh", "abcdefghi", "abcdefgh\0", "K", "\u{E9}"]
        let hashes = Set(texts.map { Self.constant($0).structuralHash })
        #expect(hashes.count == texts.count)
        let digests = Set(texts.map { Self.constant($0).fingerprint.digest })
        #expect(digests.count == texts.count)
    }

    static func node(_ kind: CheckedExpr.Kind, _ type: ValueType = .bool, at start: Int = 0) -> CheckedExpr {
        CheckedExpr(kind, type: type, location: CheckedExpr.Location(path: "t\(start).baton", range: SourceRange(start: start, end: start + 1)))
    }

    /// Trees that differ anywhere, down to a leaf under two levels of
    /// children, differ in both halves of their fingerprint; equal trees
    /// written in different places agree.
    @Test func fingerprintsFollowTreeEquality() {
        let sentiment = Self.node(.signal(.sentiment), .number)
        let confidence = Self.node(.signal(.confidence), .number)
        func threshold(_ subject: CheckedExpr, _ limit: Double, at start: Int = 0) -> CheckedExpr {
            Self.node(.compare(.less, subject, Self.node(.constant(.number(limit)), .number, at: start)), at: start)
        }
        let trees = [
            threshold(sentiment, 0.5), threshold(sentiment, -0.5), threshold(confidence, 0.5),
            Self.node(.not(threshold(sentiment, 0.5))), Self.node(.not(threshold(sentiment, 0.25))),
            Self.node(.and(threshold(sentiment, 0.5), threshold(confidence, 0.5))),
            Self.node(.and(threshold(confidence, 0.5), threshold(sentiment, 0.5))),
            Self.node(.or(threshold(sentiment, 0.5), threshold(confidence, 0.5))),
            Self.node(.member(Self.node(.metadata(field: "tier", type: .string), .string), of: [.string("gold")], negated: false)),
            Self.node(.member(Self.node(.metadata(field: "tier", type: .string), .string), of: [.string("gold")], negated: true)),
            Self.node(.member(Self.node(.metadata(field: "tier", type: .string), .string), of: [.string("gold"), .string("vip")], negated: false)),
            Self.node(.contains(Self.node(.signal(.message), .string), phrases: ["ab", "c"])),
            Self.node(.contains(Self.node(.signal(.message), .string), phrases: ["a", "bc"])),
            Self.node(.intentWas(["refund"], withinTurns: nil)),
            Self.node(.intentWas(["refund"], withinTurns: 3)),
        ]
        #expect(Set(trees.map(\.fingerprint.hash)).count == trees.count)
        #expect(Set(trees.map(\.fingerprint.digest)).count == trees.count)
        for tree in trees {
            #expect(tree.fingerprint == tree.fingerprint)
        }
        let moved = Self.node(.not(threshold(sentiment, 0.5, at: 40)), at: 30)
        #expect(moved.location.range != trees[3].location.range)
        #expect(moved.fingerprint == trees[3].fingerprint)
        #expect(Self.node(.constant(.number(-0.0)), .number).fingerprint == Self.node(.constant(.number(0)), .number).fingerprint)
    }

    /// Look-ups agree with a dictionary across growth, and indices are insertion order.
    @Test func nodeMapAgreesWithDictionary() {
        var map = NodeMap<Int>()
        var expected: [CheckedExpr: Int] = [:]
        for number in 0..<500 {
            let expr = CheckedExpr(.constant(.number(Double(number % 300))), type: .number, location: Self.location)
            #expect(map[expr.fingerprint] == expected[expr])
            if expected[expr] == nil {
                #expect(map.insert(expr.fingerprint, number) == expected.count)
                expected[expr] = number
            }
        }
        #expect(map.count == expected.count)
    }

    /// Keys whose structural hashes agree but whose digests differ are two
    /// entries, whichever way they probe, through the table's regrowth.
    @Test func nodeMapTellsKeysApartByDigest() {
        var map = NodeMap<Int>()
        let shared = [7, 7 << 40, -1]
        var keys: [TreeFingerprint] = []
        for round in 0..<100 {
            for hash in shared { keys.append(TreeFingerprint(hash: hash, digest: round)) }
        }
        for (index, key) in keys.enumerated() {
            #expect(map[key] == nil)
            #expect(map.insert(key, index) == index)
        }
        for (index, key) in keys.enumerated() { #expect(map.index(of: key) == index) }
        #expect(map[TreeFingerprint(hash: 7, digest: 100)] == nil)
        #expect(map.count == keys.count)
    }

    /// Equal constraints (sets built in any order) share an id; others do not.
    @Test func constraintTableInternsEqualConstraints() {
        var table = ConstraintTable()
        func only(_ values: [Value]) -> Constraint {
            var constraint = Constraint()
            constraint.present = true
            constraint.only = Set(values)
            return constraint
        }
        let ab = table.id(of: only([.string("a"), .string("b")]))
        #expect(table.id(of: only([.string("b"), .string("a")])) == ab)
        #expect(table.id(of: only([.string("a")])) != ab)
        var ids = Set<Int32>()
        for number in 0..<400 { ids.insert(table.id(of: only([.number(Double(number))]))) }
        #expect(ids.count == 400)
        for number in 0..<400 { #expect(ids.contains(table.id(of: only([.number(Double(number))])))) }
        #expect(table.id(of: only([.number(-0.0)])) == table.id(of: only([.number(0)])))
    }
}
