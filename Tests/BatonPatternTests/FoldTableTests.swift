import BatonPattern
import Foundation
import Testing

/// Recomputes the fold of every scalar from first principles and compares it
/// with `FoldedText`, which reads the generated table. This is also how the
/// table was produced; if it fails after a Unicode update, regenerate the
/// table from `referenceFold`.
@Suite("FoldTable")
struct FoldTableTests {
    static let kanaMarks: Set<UInt32> = [0x3099, 0x309A]
    static let typographic: [UInt32: UInt32] = [
        0x2018: 0x27, 0x2019: 0x27, 0x201B: 0x27, 0x2032: 0x27,
        0x201C: 0x22, 0x201D: 0x22, 0x201F: 0x22, 0x2033: 0x22, 0x2010: 0x2D, 0x2011: 0x2D,
    ]

    static func canonicalDecomposition(_ value: UInt32) -> [UInt32] {
        if (0xAC00...0xD7A3).contains(value) { return [value] }
        let text = String(Character(Unicode.Scalar(value)!))
        return text.decomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
    }

    static func single(_ text: String) -> UInt32? {
        let scalars = Array(text.unicodeScalars)
        return scalars.count == 1 ? scalars[0].value : nil
    }

    static func caseFold(_ value: UInt32) -> UInt32 {
        let properties = Unicode.Scalar(value)!.properties
        if let lower = single(properties.lowercaseMapping), lower != value { return lower }
        if let upper = single(properties.uppercaseMapping), upper != value,
           let lower = single(Unicode.Scalar(upper)!.properties.lowercaseMapping), lower != value {
            return lower
        }
        return value
    }

    static func foldOnce(_ value: UInt32) -> [UInt32] {
        if let ascii = typographic[value] { return [ascii] }
        let decomposed = canonicalDecomposition(value)
        if decomposed.count == 2, kanaMarks.contains(decomposed[1]) { return [value] }
        return decomposed.compactMap { scalar in
            let isMark = Unicode.Scalar(scalar)!.properties.generalCategory == .nonspacingMark
            return isMark && !kanaMarks.contains(scalar) ? nil : caseFold(scalar)
        }
    }

    static func referenceFold(_ value: UInt32) -> [UInt32] {
        var current = foldOnce(value)
        while true {
            let next = current.flatMap(foldOnce)
            if next == current { return current }
            current = next
        }
    }

    @Test("every scalar up to Unicode 15.0 folds as specified", arguments: [
        0x0000..<0x4000, 0x4000..<0x20000, 0x20000..<0x110000,
    ])
    func matchesReference(range: Range<UInt32>) {
        var mismatches: [String] = []
        for value in range {
            guard let scalar = Unicode.Scalar(value), let age = scalar.properties.age,
                  age.major < 15 || (age.major == 15 && age.minor == 0),
                  scalar.properties.generalCategory != .privateUse
            else { continue }
            let expected = Self.referenceFold(value)
            let actual = FoldedText(String(Character(scalar))).string.unicodeScalars.map(\.value)
            if actual != expected {
                mismatches.append(String(value, radix: 16) + ": \(actual) != \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(20))")
    }
}
