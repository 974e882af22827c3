/// A chat message folded once per turn, ready for every `Pattern` and
/// `PhraseMatcher` to read.
///
/// Folding makes matching case- and diacritic-insensitive:
/// - each scalar is canonically decomposed and its nonspacing marks (accents,
///   vowel points, variation selectors) are dropped, so `é`, `ü`, `ñ` and
///   `e` + U+0301 become `e`, `u`, `n`; letters without a decomposition (`ø`,
///   `ł`, `æ`, `ß`) stay as they are;
/// - the rest is lowercased with Unicode's case mappings, detouring through the
///   uppercase form so that variants fold together (`ς`/`σ`, `ſ`/`s`, `ı`/`i`,
///   Kelvin sign/`k`);
/// - Hangul syllables and kana with voiced marks (`が`) are kept whole, and a
///   decomposed `か` + U+3099 is recomposed to `が`;
/// - typographic quotes and hyphens become ASCII (`’` → `'`, `“` → `"`,
///   U+2010 → `-`), since phone keyboards insert them.
///
/// Storage is one `[UInt32]`, one element per folded scalar: the scalar value
/// in the low 21 bits and, in bit 31, whether it is a word character
/// (letters, marks, decimal digits, `_`, ZWJ/ZWNJ), so that `\b` and phrase
/// boundaries cost one load. Offsets reported by `Pattern.firstMatch(_:)` index
/// this array.
///
/// Cost: one allocation (the buffer, sized by the UTF-8 length, which bounds
/// the folded length); ASCII is folded by a table lookup per byte.
public struct FoldedText: Sendable {
    let storage: [UInt32]

    /// Folds `text`.
    public init(_ text: String) {
        let table = FoldTable.shared
        let capacity = text.utf8.count
        storage = [UInt32](unsafeUninitializedCapacity: capacity) { buffer, count in
            var folder = Folder(buffer: buffer, table: table)
            let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
                folder.appendUTF8(bytes)
            }
            if done == nil {
                for scalar in text.unicodeScalars { folder.append(scalar.value) }
            }
            count = folder.count
        }
    }

    /// The number of folded scalars.
    public var count: Int { storage.count }

    /// Whether the folded text has no scalars.
    public var isEmpty: Bool { storage.isEmpty }

    /// The folded text as a string, for diagnostics and tests.
    public var string: String {
        var result = String.UnicodeScalarView()
        for packed in storage {
            if let scalar = Unicode.Scalar(packed & Packed.scalarMask) { result.append(scalar) }
        }
        return String(result)
    }
}

/// Appends folded scalars to a preallocated buffer.
struct Folder {
    let buffer: UnsafeMutableBufferPointer<UInt32>
    let table: FoldTable
    var count = 0

    init(buffer: UnsafeMutableBufferPointer<UInt32>, table: FoldTable) {
        self.buffer = buffer
        self.table = table
    }

    /// Decodes valid UTF-8 (a `String`'s own bytes) with an ASCII fast path.
    mutating func appendUTF8(_ bytes: UnsafeBufferPointer<UInt8>) {
        let dense = table.dense
        var index = 0
        let end = bytes.count
        while index < end {
            let lead = bytes[index]
            if lead < 0x80 {
                buffer[count] = dense[Int(lead)]
                count += 1
                index += 1
                continue
            }
            var value: UInt32
            if lead < 0xE0 {
                value = UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                index += 2
            } else if lead < 0xF0 {
                value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                    | UInt32(bytes[index + 2] & 0x3F)
                index += 3
            } else {
                value = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                    | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                index += 4
            }
            append(value)
        }
    }

    mutating func append(_ value: UInt32) {
        let entry = table.entry(value)
        switch entry & FoldEntry.kindMask {
        case FoldEntry.single:
            buffer[count] = entry
            count += 1
        case FoldEntry.drop:
            break
        case FoldEntry.expansion:
            let start = Int(entry & 0xFFFF), length = Int(entry >> 16 & 0xF)
            for offset in 0..<length {
                buffer[count] = table.expansions[start + offset]
                count += 1
            }
        default:
            // A kana voiced sound mark: fuse with the kana before it if they
            // compose, so decomposed input matches precomposed patterns.
            if count > 0,
               let composed = table.composeKana(base: buffer[count - 1] & Packed.scalarMask, mark: value) {
                buffer[count - 1] = composed | Packed.wordBit
            } else {
                buffer[count] = value | Packed.wordBit
                count += 1
            }
        }
    }
}
