import Foundation
import Testing
@testable import BatonCLI

/// `simulate` prints each customer message in quotes on one line, cut to a
/// width: line breaks become spaces (a CR LF pair two, as Foundation's
/// replacement of each did), and the cut counts characters, not bytes.
struct QuotedTextTests {
    @Test(arguments: [
        ("plain", "where is my parcel", 40, "\"where is my parcel\""),
        ("line feed", "first\nsecond", 40, "\"first second\""),
        ("carriage return", "first\rsecond", 40, "\"first second\""),
        ("CR LF is two spaces", "first\r\nsecond", 40, "\"first  second\""),
        ("breaks beside accents", "café\nrésumé\r\n", 40, "\"café résumé  \""),
        ("cut to the limit", "abcdefghij", 5, "\"abcd…\""),
        ("exactly the limit", "abcde", 5, "\"abcde\""),
        ("more bytes than the limit, not more characters", "ééééé", 5, "\"ééééé\""),
        ("cut counts characters", "ééééééé", 5, "\"éééé…\""),
        ("emoji kept whole", "👍🏽👍🏽👍🏽", 2, "\"👍🏽…\""),
        ("a break in the cut part", "ab\ncdefgh", 4, "\"ab …\""),
    ])
    func quoted(name: String, text: String, limit: Int, expected: String) {
        #expect(DecisionText.quoted(text, limit: limit) == expected, "\(name)")
    }

    /// The same as Foundation's replacement on every mix of breaks and text.
    @Test func matchesFoundationsReplacement() {
        let pieces = ["a", "é", "\n", "\r", "\r\n", " ", "👍🏽", "\n\r"]
        var texts = [""]
        for _ in 0..<3 { texts = texts.flatMap { text in pieces.map { text + $0 } } }
        for text in texts {
            let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            #expect(DecisionText.quoted(text, limit: 100) == "\"\(flat)\"", "\(Array(text.utf8))")
        }
    }
}
