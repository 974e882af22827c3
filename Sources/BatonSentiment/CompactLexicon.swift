/// Baton's compact binary form of vaderSentiment's lexicon files
/// (`vader_lexicon.bin`, written by `scripts/sentiment/compile_lexicon.py`).
/// It holds only what scoring needs — keys, valences as the exact doubles
/// Python parsed, single-scalar emoji — so loading reads 150 KB instead of
/// 556 KB and parses no text. The layout is documented in the script.
enum CompactLexicon {
    static let magic: [UInt8] = Array("BTNLEX01".utf8)

    /// Decodes the file into a builder with the lexicon's valences and emoji.
    static func decode(_ data: UnsafeBufferPointer<UInt8>, name: String) throws -> LexiconBuilder {
        var reader = Reader(data: data, name: name)
        guard data.count >= magic.count + 4, Array(data[0..<magic.count]) == magic else {
            throw LexiconError.malformedCompact(file: name)
        }
        let payload = data.count - 4
        var stored = Reader(data: data, name: name)
        stored.offset = payload
        guard try stored.u32() == checksum(UnsafeBufferPointer(rebasing: data[0..<payload])) else {
            throw LexiconError.malformedCompact(file: name)
        }
        reader.offset = magic.count
        let wordCount = Int(try reader.u32())
        let keyBytes = Int(try reader.u32())
        let emojiCount = Int(try reader.u32())
        let textBytes = Int(try reader.u32())

        let valences = try reader.take(wordCount * 8)
        let keyLengths = try reader.take(wordCount)
        let keys = try reader.take(keyBytes)
        let scalars = try reader.take(emojiCount * 4)
        let textLengths = try reader.take(emojiCount)
        let texts = try reader.take(textBytes)
        guard reader.offset == payload else { throw LexiconError.malformedCompact(file: name) }

        var emoji: [(scalar: UInt32, description: UnsafeBufferPointer<UInt8>)] = []
        emoji.reserveCapacity(emojiCount)
        var textOffset = 0
        for index in 0..<emojiCount {
            let length = Int(textLengths[index])
            guard textOffset + length <= texts.count else { throw LexiconError.malformedCompact(file: name) }
            let scalar = UnsafeRawBufferPointer(scalars).loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
            emoji.append((UInt32(littleEndian: scalar), UnsafeBufferPointer(rebasing: texts[textOffset..<textOffset + length])))
            textOffset += length
        }
        var builder = LexiconBuilder(emoji: EmojiTable(emoji))
        // Room for the rule words and a few overrides too.
        builder.words.reserve(words: wordCount + 256, keyBytes: keyBytes + 2_048)
        var keyOffset = 0
        for index in 0..<wordCount {
            let length = Int(keyLengths[index])
            guard keyOffset + length <= keys.count else { throw LexiconError.malformedCompact(file: name) }
            let bits = UnsafeRawBufferPointer(valences).loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            builder.setValence(
                Double(bitPattern: UInt64(littleEndian: bits)),
                for: UnsafeBufferPointer(rebasing: keys[keyOffset..<keyOffset + length]))
            keyOffset += length
        }
        return builder
    }

    /// FNV-1a over 64-bit little-endian words (the tail zero-padded), folded
    /// to 32 bits; eight times fewer steps than bytewise FNV, as the script
    /// computes it.
    static func checksum(_ data: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let raw = UnsafeRawBufferPointer(data)
        var offset = 0
        while offset + 8 <= raw.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = (hash ^ word) &* 0x0000_0100_0000_01b3
            offset += 8
        }
        if offset < raw.count {
            var word: UInt64 = 0
            for index in offset..<raw.count { word |= UInt64(raw[index]) << (8 * UInt64(index - offset)) }
            hash = (hash ^ word) &* 0x0000_0100_0000_01b3
        }
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    /// Bounds-checked sequential reads; any overrun is a malformed file.
    private struct Reader {
        let data: UnsafeBufferPointer<UInt8>
        let name: String
        var offset = 0

        mutating func take(_ count: Int) throws -> UnsafeBufferPointer<UInt8> {
            guard count >= 0, offset + count <= data.count else {
                throw LexiconError.malformedCompact(file: name)
            }
            defer { offset += count }
            return UnsafeBufferPointer(rebasing: data[offset..<offset + count])
        }

        mutating func u32() throws -> UInt32 {
            let bytes = try take(4)
            return UInt32(littleEndian: UnsafeRawBufferPointer(bytes).loadUnaligned(as: UInt32.self))
        }
    }
}
