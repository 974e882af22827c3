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
    }

    @Test func differentTextDiffers() {
        let texts = ["", "a", "b", "ab", "ba", "abcdefgh", "abcdefghi", "abcdefgh\0", "K", "\u{E9}"]
        let hashes = Set(texts.map { Self.constant($0).structuralHash })
        #expect(hashes.count == texts.count)
    }

    /// Look-ups agree with a dictionary across growth, and indices are insertion order.
    @Test func nodeMapAgreesWithDictionary() {
        var map = NodeMap<Int>()
        var expected: [CheckedExpr: Int] = [:]
        for number in 0..<500 {
            let expr = CheckedExpr(.constant(.number(Double(number % 300))), type: .number, location: Self.location)
            #expect(map[expr] == expected[expr])
            if expected[expr] == nil {
                #expect(map.insert(expr, number) == expected.count)
                expected[expr] = number
            }
        }
        #expect(map.count == expected.count)
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
