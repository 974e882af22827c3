// The per-scalar folding table behind `FoldedText`.
//
// A scalar folds to: itself, another scalar, a short sequence (a few Indic
// two-part vowels and musical symbols), or nothing (nonspacing marks). The fold
// is: canonical decomposition (Hangul syllables and voiced kana left whole),
// drop every nonspacing mark except the kana voiced sound marks, then lowercase
// each remaining scalar — with a detour through its uppercase form, so that
// `ς`→`σ`, `ſ`→`s`, `ı`→`i` and `µ`→`μ` agree with their partners.
//
// The table is built once, on first use (Swift initialises globals lazily and
// thread-safely), from the generated text in `FoldTable+Data.swift`: a dense
// array for the scalars below `denseLimit` — Latin, Greek, Cyrillic, the Indic
// scripts, general punctuation, kana — and binary-searched arrays for the rest.

/// One folded scalar packed with its classification; also the format of
/// `FoldedText` storage.
enum Packed {
    /// Low 21 bits: the Unicode scalar value.
    static let scalarMask: UInt32 = 0x1F_FFFF
    /// Set when the scalar is a word character (see `FoldTable.isWordScalar`).
    static let wordBit: UInt32 = 1 << 31
}

/// What folding does to one input scalar, packed into a `UInt32`.
///
/// Kind in bits 29–30; for `single`, bits 0–20 and 31 are already the packed
/// output. For `expansion`, bits 0–15 index `FoldTable.expansions` and bits
/// 16–19 hold the length.
enum FoldEntry {
    static let kindMask: UInt32 = 3 << 29
    static let single: UInt32 = 0
    static let drop: UInt32 = 1 << 29
    static let expansion: UInt32 = 2 << 29
    static let kanaMark: UInt32 = 3 << 29
}

/// A class, so that folders and matchers share it without copying (and
/// retaining) its arrays.
final class FoldTable: Sendable {
    /// Scalars below this are looked up directly; everything else is searched.
    static let denseLimit: UInt32 = 0x3100

    static let shared = FoldTable()

    let dense: [UInt32]
    let sparseKeys: [UInt32]
    let sparseEntries: [UInt32]
    let dropLows: [UInt32]
    let dropHighs: [UInt32]
    let expansions: [UInt32]
    /// `(base << 32) | mark` → precomposed kana, sorted by key.
    let kanaKeys: [UInt64]
    let kanaComposed: [UInt32]
    /// The folded scalar of each ASCII byte (`dense` without the word bit).
    let asciiScalars: [UInt32]

    init(
        dense: [UInt32], sparseKeys: [UInt32], sparseEntries: [UInt32], dropLows: [UInt32],
        dropHighs: [UInt32], expansions: [UInt32], kanaKeys: [UInt64], kanaComposed: [UInt32]
    ) {
        self.dense = dense
        self.sparseKeys = sparseKeys
        self.sparseEntries = sparseEntries
        self.dropLows = dropLows
        self.dropHighs = dropHighs
        self.expansions = expansions
        self.kanaKeys = kanaKeys
        self.kanaComposed = kanaComposed
        self.asciiScalars = dense[0..<128].map { $0 & Packed.scalarMask }
    }

    /// The fold entry of any scalar value.
    @inline(__always)
    func entry(_ value: UInt32) -> UInt32 {
        if value < Self.denseLimit { return dense[Int(value)] }
        return sparseEntry(value)
    }

    func sparseEntry(_ value: UInt32) -> UInt32 {
        // Ideographs and Hangul are the bulk of non-dense text: no fold, word.
        if (0x4E00...0x9FFF).contains(value) || (0xAC00...0xD7A3).contains(value) {
            return value | Packed.wordBit
        }
        if let index = Self.lastIndex(in: dropLows, notAbove: value), value <= dropHighs[index] {
            return FoldEntry.drop
        }
        if let index = Self.lastIndex(in: sparseKeys, notAbove: value), sparseKeys[index] == value {
            return sparseEntries[index]
        }
        return Self.pack(value)
    }

    /// The precomposed kana for `base` followed by a voiced sound mark, if any.
    func composeKana(base: UInt32, mark: UInt32) -> UInt32? {
        let key = UInt64(base) << 32 | UInt64(mark)
        guard let index = Self.lastIndex(in: kanaKeys, notAbove: key), kanaKeys[index] == key else {
            return nil
        }
        return kanaComposed[index]
    }

    /// Every scalar in `range` whose fold is a different single scalar, with
    /// that fold; scans only the table, so huge ranges stay cheap.
    func nontrivialFolds(in range: ClosedRange<UInt32>) -> [(UInt32, UInt32)] {
        var result: [(UInt32, UInt32)] = []
        let denseEnd = min(range.upperBound, Self.denseLimit - 1)
        if range.lowerBound <= denseEnd {
            for value in range.lowerBound...denseEnd {
                let entry = dense[Int(value)]
                if entry & FoldEntry.kindMask == FoldEntry.single, entry & Packed.scalarMask != value {
                    result.append((value, entry & Packed.scalarMask))
                }
            }
        }
        var index = Self.lastIndex(in: sparseKeys, notAbove: range.lowerBound) ?? 0
        while index < sparseKeys.count, sparseKeys[index] <= range.upperBound {
            let key = sparseKeys[index], entry = sparseEntries[index]
            if key >= range.lowerBound, entry & FoldEntry.kindMask == FoldEntry.single {
                result.append((key, entry & Packed.scalarMask))
            }
            index += 1
        }
        return result
    }

    // MARK: - Classification

    /// A scalar packed with its word bit.
    static func pack(_ value: UInt32) -> UInt32 {
        isWordScalar(value) ? value | Packed.wordBit : value
    }

    /// Word characters as Unicode TR18 defines `\w`: alphabetic, marks,
    /// decimal digits, connector punctuation (`_`) and the joiners ZWJ/ZWNJ.
    static func isWordScalar(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value)
                || (0x61...0x7A).contains(value) || value == 0x5F
        }
        if value == 0x200C || value == 0x200D { return true }
        guard let scalar = Unicode.Scalar(value) else { return false }
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation:
            return true
        default:
            return false
        }
    }

    /// The index of the last element `<= key` in a sorted array.
    static func lastIndex<T: Comparable>(in array: [T], notAbove key: T) -> Int? {
        var low = 0, high = array.count
        while low < high {
            let mid = (low + high) / 2
            if array[mid] <= key { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }
}
