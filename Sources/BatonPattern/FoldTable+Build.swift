// Building `FoldTable` from the generated text data; runs once per process.

extension FoldTable {
    convenience init() {
        var dense = (0..<Self.denseLimit).map(Self.pack)
        var dropLows: [UInt32] = [], dropHighs: [UInt32] = []
        for (low, high) in Self.parseRanges(Self.dropData) {
            if low < Self.denseLimit {
                for value in low...min(high, Self.denseLimit - 1) { dense[Int(value)] = FoldEntry.drop }
            }
            if high >= Self.denseLimit {
                dropLows.append(max(low, Self.denseLimit))
                dropHighs.append(high)
            }
        }

        var expansions: [UInt32] = []
        var sparseKeys: [UInt32] = [], sparseEntries: [UInt32] = []
        for (key, outputs) in Self.parseMaps(Self.mapData) {
            let entry: UInt32
            if outputs.count == 1 {
                entry = Self.pack(outputs[0])
            } else {
                entry = FoldEntry.expansion | UInt32(outputs.count) << 16 | UInt32(expansions.count)
                expansions += outputs.map(Self.pack)
            }
            if key < Self.denseLimit {
                dense[Int(key)] = entry
            } else {
                sparseKeys.append(key)
                sparseEntries.append(entry)
            }
        }

        var kana: [(key: UInt64, composed: UInt32)] = []
        for item in Self.dataItems(Self.kanaData) {
            // `BASE+MARK=COMPOSED`
            let parts = item.split(whereSeparator: { $0 == "+" || $0 == "=" }).map(Self.hex)
            kana.append((UInt64(parts[0]) << 32 | UInt64(parts[1]), parts[2]))
            dense[Int(parts[1])] = FoldEntry.kanaMark | parts[1]
        }
        kana.sort { $0.key < $1.key }

        // Typographic quotes and hyphens, as phone keyboards insert them, fold
        // to ASCII so that "can’t" matches "can't".
        for (value, ascii) in Self.typographic { dense[Int(value)] = UInt32(ascii) }

        self.init(
            dense: dense, sparseKeys: sparseKeys, sparseEntries: sparseEntries, dropLows: dropLows,
            dropHighs: dropHighs, expansions: expansions, kanaKeys: kana.map(\.key),
            kanaComposed: kana.map(\.composed))
    }

    /// ‘ ’ ‛ ′ → ', “ ” ‟ ″ → ", hyphen and non-breaking hyphen → -.
    static let typographic: [(UInt32, UInt8)] = [
        (0x2018, 0x27), (0x2019, 0x27), (0x201B, 0x27), (0x2032, 0x27),
        (0x201C, 0x22), (0x201D, 0x22), (0x201F, 0x22), (0x2033, 0x22),
        (0x2010, 0x2D), (0x2011, 0x2D),
    ]

    private static func dataItems(_ data: String) -> [Substring] {
        data.split(whereSeparator: { $0 == " " || $0 == "\n" })
    }

    private static func hex(_ text: Substring) -> UInt32 {
        guard let value = UInt32(text, radix: 16) else { preconditionFailure("bad fold data `\(text)`") }
        return value
    }

    /// `LOW-HIGH` or `VALUE` items.
    private static func parseRanges(_ data: String) -> [(UInt32, UInt32)] {
        dataItems(data).map { item in
            let bounds = item.split(separator: "-").map(hex)
            return (bounds[0], bounds[bounds.count - 1])
        }
    }

    /// `KEY:OUT[,OUT…]` items, sorted by key in the data.
    private static func parseMaps(_ data: String) -> [(UInt32, [UInt32])] {
        dataItems(data).map { item in
            let halves = item.split(separator: ":")
            return (hex(halves[0]), halves[1].split(separator: ",").map(hex))
        }
    }
}
