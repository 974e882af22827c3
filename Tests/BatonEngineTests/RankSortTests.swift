import Baton
import BatonCore
@testable import BatonRuntime
import BatonTestSupport
import Testing

/// A turn's firing rules are noted out of order and put back in rank order:
/// by insertion for a few, through a rank bitset for more, by comparison for
/// rule sets past the bitset's reach.
struct RankSortTests {
    @Test(arguments: [
        (0, 10), (1, 10), (8, 10), (9, 10), (10, 10), (9, 64), (40, 65), (64, 64), (63, 130), (200, 1_000), (500, 4_096),
        (20, 4_097), (300, 5_000),
    ])
    func notesComeBackInRankOrder(count: Int, ranks: Int) {
        var random = SeededRandom(seed: UInt64(count * 10_007 + ranks))
        let chosen = Array((0..<ranks).shuffled(using: &random).prefix(count))
        let notes = chosen.map { Int32($0 << 2 | Int.random(in: 0...2, using: &random)) }
        let slots = RankSort.slots(ranks: ranks)
        var sorted = notes
        // The area starts with whatever an earlier event left there.
        var area = [Int32](repeating: -1, count: max(slots, 2) + 1)
        sorted.withUnsafeMutableBufferPointer { buffer in
            area.withUnsafeMutableBufferPointer { area in
                let aligned = Int(bitPattern: area.baseAddress!) % 8 == 0 ? area.baseAddress! : area.baseAddress! + 1
                RankSort.sort(buffer, ranks: ranks, area: aligned)
            }
        }
        #expect(sorted == notes.sorted())
        #expect(slots == (ranks > 4_096 ? 0 : 2 * ((ranks + 63) / 64) + (ranks + 3) / 4))
    }

    /// 150 rules that all fire, written in no order of outcome or priority:
    /// the decision lists them in conflict order (outcome, then priority,
    /// then place in the file), with the shadow rules apart.
    @Test func manyFiringRulesDecideInConflictOrder() throws {
        var random = SeededRandom(seed: 150)
        var source = ""
        var rules: [(name: String, outcome: Int, priority: Int, shadow: Bool)] = []
        for index in 0..<150 {
            let outcome = Int.random(in: 0...2, using: &random), priority = Int.random(in: 0..<20, using: &random)
            let shadow = index % 11 == 3
            let action = ["tag \"t\(index % 5)\"", "offer_handoff reason \"o\"", "escalate reason \"e\""][outcome]
            source += "\(shadow ? "shadow " : "")rule r\(index) { priority \(priority) when turn_count >= 1 then \(action) }\n"
            rules.append(("r\(index)", outcome, priority, shadow))
        }
        let order = rules.indices.sorted {
            (-rules[$0].outcome, -rules[$0].priority, $0) < (-rules[$1].outcome, -rules[$1].priority, $1)
        }
        let acting = order.filter { !rules[$0].shadow }.map { rules[$0].name }
        let shadows = order.filter { rules[$0].shadow }.map { ShadowFiring(rule: rules[$0].name, outcome: [.continue, .offerHandoff, .escalate][rules[$0].outcome]) }
        let decision = try #require(run(engine(source), [customer()]).first)
        #expect(decision.firedRules == acting)
        #expect(decision.shadowRules == shadows)
        #expect(decision.rule == acting.first)
        #expect(decision.tags == ["t0", "t1", "t2", "t3", "t4"].filter { tag in
            rules.contains { !$0.shadow && $0.outcome == 0 && "t\(Int($0.name.dropFirst())! % 5)" == tag }
        })
    }
}
