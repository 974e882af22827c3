// The symbol stream a `PhraseMatcher` searches: folded text with every run of
// whitespace collapsed to one space and a `boundary` symbol wherever a word
// starts or ends. Phrases go through the same stream, so a plain substring
// search over symbols finds whole-word, whitespace-tolerant phrase matches:
// "agent" becomes ⟨b⟩agent⟨b⟩, which occurs in "an agent!" but not in
// "agents" or "reagent".
//
// Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) have
// no word boundaries to find, so each of their characters counts as a word of
// its own: "退款" then matches inside "我想退款".

enum PhraseSymbols {
    /// Marks a word start or end; outside the Unicode scalar range.
    static let boundary: UInt32 = 0x11_0000
    static let space: UInt32 = 0x20

    /// Calls `body` with each symbol of `text`; stops early when it returns false.
    @inline(__always)
    static func forEach(in text: UnsafeBufferPointer<UInt32>, _ body: (UInt32) -> Bool) {
        var previousIsWord = false
        var previousIsSpace = false
        for packed in text {
            let isWord = packed & Packed.wordBit != 0
            if isWord, isUnspacedScript(packed & Packed.scalarMask) {
                if previousIsWord { guard body(boundary) else { return } }
                guard body(boundary), body(packed & Packed.scalarMask), body(boundary) else { return }
                previousIsWord = false
                previousIsSpace = false
                continue
            }
            if isWord != previousIsWord {
                guard body(boundary) else { return }
                previousIsWord = isWord
            }
            let value = packed & Packed.scalarMask
            if !isWord, CompiledClass.isWhitespace(value) {
                if !previousIsSpace { guard body(space) else { return } }
                previousIsSpace = true
            } else {
                guard body(value) else { return }
                previousIsSpace = false
            }
        }
        if previousIsWord { _ = body(boundary) }
    }

    /// Letters of scripts that do not separate words with spaces.
    @inline(__always)
    static func isUnspacedScript(_ value: UInt32) -> Bool {
        guard value >= 0x0E00 else { return false }
        switch value {
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF,  // Thai, Lao, Myanmar, Khmer
             0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F,  // kana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF:  // Han
            return true
        default:
            return false
        }
    }

    /// The symbols every ASCII text holding `literal` (folded scalars, all
    /// ASCII) somewhere has in its stream, even mid-word: the literal's own
    /// symbols without a boundary at either end, since what surrounds it
    /// decides those. A run of whitespace is one space either way. Nil when
    /// a scalar is not folded ASCII.
    static func of(literal: [UInt32]) -> [UInt32]? {
        let dense = FoldTable.shared.dense
        var packed: [UInt32] = []
        for scalar in literal {
            guard scalar < 128, dense[Int(scalar)] & Packed.scalarMask == scalar else { return nil }
            packed.append(dense[Int(scalar)])
        }
        var symbols: [UInt32] = []
        packed.withUnsafeBufferPointer { text in
            forEach(in: text) { symbols.append($0); return true }
        }
        if symbols.first == boundary { symbols.removeFirst() }
        if symbols.last == boundary { symbols.removeLast() }
        return symbols.isEmpty ? nil : symbols
    }

    /// The symbols of one phrase, with surrounding whitespace trimmed.
    static func of(phrase: String) -> [UInt32] {
        let folded = FoldedText(phrase).storage
        let isSpace = { (packed: UInt32) in
            packed & Packed.wordBit == 0 && CompiledClass.isWhitespace(packed & Packed.scalarMask)
        }
        guard let first = folded.firstIndex(where: { !isSpace($0) }),
              let last = folded.lastIndex(where: { !isSpace($0) })
        else { return [] }
        var symbols: [UInt32] = []
        Array(folded[first...last]).withUnsafeBufferPointer { trimmed in
            forEach(in: trimmed) { symbols.append($0); return true }
        }
        return symbols
    }
}
