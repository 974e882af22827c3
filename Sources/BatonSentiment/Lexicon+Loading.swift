import Foundation

/// Why a lexicon could not be loaded.
public enum LexiconError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bundled resource file is missing from the module's bundle.
    case missingResource(String)
    /// A file could not be read.
    case unreadable(path: String)
    /// A line is not `word<TAB>valence…` (lexicon) or `emoji<TAB>description` (emoji).
    case malformedLine(file: String, line: Int)
    /// A compact lexicon file is truncated, corrupt or of another version.
    case malformedCompact(file: String)

    public var description: String {
        switch self {
        case .missingResource(let name): "missing bundled resource `\(name)`"
        case .unreadable(let path): "cannot read `\(path)`"
        case .malformedLine(let file, let line): "\(file):\(line): malformed lexicon line"
        case .malformedCompact(let file): "`\(file)` is not a valid compact lexicon"
        }
    }
}

extension Lexicon {
    /// Where the bundled lexicon is read from.
    public enum BundledFormat: Sendable {
        /// `vader_lexicon.bin`, the compact form compiled from the text files (fast).
        case compact
        /// vaderSentiment's own `vader_lexicon.txt` and `emoji_utf8_lexicon.txt`.
        case text
    }

    static let lexiconResource = "vader_lexicon.txt"
    static let emojiResource = "emoji_utf8_lexicon.txt"
    static let compactResource = "vader_lexicon.bin"

    /// Loads vaderSentiment 3.3.2's lexicon from the module's resources,
    /// afresh on each call (`bundled` keeps the first). Both formats give
    /// the same lexicon; the tests check that they do.
    public static func loadBundled(format: BundledFormat = .compact) throws -> Lexicon {
        guard let directory = resourceDirectory else {
            throw LexiconError.missingResource(compactResource)
        }
        switch format {
        case .compact:
            return try load(compactPath: directory + compactResource)
        case .text:
            return try load(lexiconPath: directory + lexiconResource, emojiPath: directory + emojiResource)
        }
    }

    /// Loads a lexicon from files in vaderSentiment's text formats.
    public static func load(lexiconPath: String, emojiPath: String) throws -> Lexicon {
        try FileReader.withContents(of: lexiconPath) { lexicon in
            try FileReader.withContents(of: emojiPath) { emoji in
                try Lexicon(lexiconBytes: lexicon, lexiconName: lexiconPath, emojiBytes: emoji, emojiName: emojiPath)
            }
        }
    }

    /// Loads a lexicon from a file written by `scripts/sentiment/compile_lexicon.py`.
    public static func load(compactPath: String) throws -> Lexicon {
        try FileReader.withContents(of: compactPath) { data in
            var builder = try CompactLexicon.decode(data, name: compactPath)
            builder.addRuleWords()
            return Lexicon(storage: builder.freeze())
        }
    }

    /// Parses a lexicon from the text of vaderSentiment's two files:
    /// `vader_lexicon.txt` (`word<TAB>mean<TAB>sd<TAB>ratings` per line) and
    /// `emoji_utf8_lexicon.txt` (`emoji<TAB>description` per line).
    public init(vaderLexicon: String, emojiLexicon: String) throws {
        var lexicon = vaderLexicon
        var emoji = emojiLexicon
        self = try lexicon.withUTF8 { lexicon in
            try emoji.withUTF8 { emoji in
                try Lexicon(
                    lexiconBytes: lexicon, lexiconName: "lexicon", emojiBytes: emoji,
                    emojiName: "emoji lexicon")
            }
        }
    }

    init(
        lexiconBytes: UnsafeBufferPointer<UInt8>, lexiconName: String,
        emojiBytes: UnsafeBufferPointer<UInt8>, emojiName: String
    ) throws {
        let emoji = try LexiconFile.emojiEntries(emojiBytes, name: emojiName)
        var builder = LexiconBuilder(emoji: EmojiTable(emoji))
        try LexiconFile.forEachValence(lexiconBytes, name: lexiconName) { key, valence in
            builder.setValence(valence, for: key)
        }
        builder.addRuleWords()
        self.init(storage: builder.freeze())
    }

    /// The bundle's resource folder, with a trailing slash; found once.
    /// `.copy("Resources")` keeps the folder; depending on the platform's
    /// bundle layout `resourceURL` is the bundle itself or that folder.
    private static let resourceDirectory: String? = {
        let bundle = Bundle.module
        let candidates = [
            bundle.bundleURL.appendingPathComponent("Resources"),
            bundle.resourceURL?.appendingPathComponent("Resources"),
            bundle.resourceURL,
        ].compactMap { $0 }
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent(compactResource).path) {
            return candidate.path + "/"
        }
        return nil
    }()
}
