@testable import BatonRuntime
import Testing

@Suite("Name index")
struct NameIndexTests {
    @Test("finds every name and no other", arguments: [0, 1, 3, 8, 100, 1_000])
    func findsEveryName(count: Int) {
        var entries: [String: Int] = [:]
        for number in 0..<count { entries["name_\(number)"] = number * 7 }
        entries["émoji_😀"] = count * 7
        let index = NameIndex(entries)
        defer { index.deallocate() }
        for (name, slot) in entries { #expect(index.slot(of: name) == slot) }
        for probe in ["", "name_", "name_\(count)", "Name_0", "name_0 ", "émoji_", String(repeating: "x", count: 500)] {
            #expect(index.slot(of: probe) == nil, "\(probe)")
        }
        // A bridged or sliced string takes the non-contiguous path.
        let sliced = "xname_0".dropFirst()
        #expect(index.slot(of: String(sliced)) == (count > 0 ? 0 : nil))
    }

    @Test("names of every length up to 17 bytes that differ in one byte are told apart")
    func namesDifferingInOneByte() {
        // Short names are compared as two overlapping words: a change of any
        // one byte, at any length, must be seen.
        var entries: [String: Int] = [:]
        for length in 0...17 {
            let base = String(repeating: "a", count: length)
            entries[base] = entries.count
        }
        let index = NameIndex(entries)
        defer { index.deallocate() }
        for (name, slot) in entries { #expect(index.slot(of: name) == slot) }
        for length in 1...17 {
            for position in 0..<length {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                bytes[position] = UInt8(ascii: "b")
                let probe = String(decoding: bytes, as: UTF8.self)
                #expect(index.slot(of: probe) == nil, "\(probe)")
            }
        }
    }
}
