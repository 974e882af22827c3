import BatonCheck
import BatonCore
import Testing

@Suite("Lint: shadowed-rule")
struct ShadowedRuleTests {
    static let cases: [(String, [Int])] = [
        // Narrower condition, lower priority, same outcome: shadowed.
        ("""
        rule broad {
          priority 50
          when intent in [wismo, sizing] and confidence >= 0.5
          then escalate reason "b"
        }
        rule narrow {
          priority 10
          when intent == wismo and confidence >= 0.8
          then escalate reason "n"
        }
        """, [6]),
        // Higher priority for the narrow rule: it wins, no warning.
        ("""
        rule broad {
          priority 10
          when intent in [wismo, sizing]
          then escalate reason "b"
        }
        rule narrow {
          priority 50
          when intent == wismo
          then escalate reason "n"
        }
        """, []),
        // A stronger outcome shadows regardless of priority.
        ("""
        rule esc {
          when sentiment < -0.5
          then escalate reason "e"
        }
        rule offer {
          priority 99
          when sentiment < -0.8 and intent == wismo
          then offer_handoff reason "o"
        }
        """, [5]),
        // Equal priority: file order decides, the later one is shadowed.
        ("""
        rule first {
          when metadata.cart_value > 100
          then escalate reason "f"
        }
        rule second {
          when metadata.cart_value > 200
          then escalate reason "s"
        }
        """, [5]),
        // Not implied: the narrow rule can fire alone.
        ("""
        rule first {
          when metadata.cart_value > 100
          then escalate reason "f"
        }
        rule second {
          when metadata.cart_value > 50
          then escalate reason "s"
        }
        """, []),
        // Disjunction in the stronger rule: one implied branch is enough.
        ("""
        rule first {
          when intent == fraud or api.orders.status == "lost"
          then escalate reason "f"
        }
        rule second {
          when api.orders.status == "lost" and sentiment < 0
          then escalate reason "s"
        }
        """, [5]),
        // Shadow-mode rules never act, so they shadow nothing.
        ("""
        shadow rule trial {
          priority 100
          when intent == wismo
          then escalate reason "t"
        }
        rule real {
          when intent == wismo and confidence > 0.5
          then escalate reason "r"
        }
        """, []),
        // A guard-bypassing rule can win while the other is held back.
        ("""
        rule broad {
          priority 100
          when intent == fraud
          then escalate reason "b"
        }
        rule urgent {
          bypass_guards
          when intent == fraud and confidence > 0.9
          then escalate reason "u"
        }
        """, []),
    ]

    @Test(arguments: cases)
    func shadowed(rules: String, lines: [Int]) {
        #expect(warningLines("shadowed-rule", in: rules) == lines)
    }
}

/// A rule is compared with the first `ShadowedRule.maxCandidates` rules
/// filed with it (in set order, itself left out), whether it comes before
/// them, among them or after them.
@Suite("Lint: shadowed-rule candidate limit")
struct ShadowedRuleLimitTests {
    /// The shadowed-rule warnings on `target`, which only `broad` (last)
    /// shadows; the fillers, acting rules that neither imply it nor are
    /// implied by it, share its bucket.
    static func shadowedNames(fillersBefore: Int, fillersAfter: Int, targetFirst: Bool) -> [String] {
        var text = lintSchema
        func filler(_ index: Int) -> String {
            "rule f\(index) {\n  when intent == wismo and confidence >= \(Double(index) / 1000) and confidence < \(Double(index + 1) / 1000)\n  then escalate reason \"f\"\n}\n"
        }
        let target = "rule target {\n  when intent == wismo and confidence > 0.9\n  then escalate reason \"t\"\n}\n"
        if targetFirst { text += target }
        for index in 0..<fillersBefore { text += filler(index) }
        if !targetFirst { text += target }
        for index in fillersBefore..<fillersBefore + fillersAfter { text += filler(index) }
        text += "rule broad {\n  priority 100\n  when intent == wismo\n  then escalate reason \"b\"\n}\n"
        let ruleSet = Checker.check([SourceFile(path: "t.baton", text: text)], lint: false).ruleSet
        return (ruleSet.map(Linter.lint) ?? []).map(\.message).filter { $0.hasPrefix("rule `target`") }
    }

    @Test func candidateJustInsideTheLimit() {
        #expect(Self.shadowedNames(fillersBefore: 255, fillersAfter: 0, targetFirst: true) == ["rule `target` is shadowed by `broad`"])
        #expect(Self.shadowedNames(fillersBefore: 128, fillersAfter: 127, targetFirst: false) == ["rule `target` is shadowed by `broad`"])
    }

    @Test func candidateJustPastTheLimit() {
        #expect(Self.shadowedNames(fillersBefore: 256, fillersAfter: 0, targetFirst: true).isEmpty)
        #expect(Self.shadowedNames(fillersBefore: 128, fillersAfter: 128, targetFirst: false).isEmpty)
    }
}
