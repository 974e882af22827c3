/// One line of formatter output before comments go back in, with the source
/// range it prints so `CommentPlacer` can match comments to it.
struct FormattedLine {
    /// Spaces before `text`.
    var indent: Int
    /// The code on the line; empty for the end-of-file anchor.
    var text: String
    /// Source offset of the first token the line prints. A comment belongs
    /// to the last line (in source order) that starts at or before it.
    var start: Int
    /// Source offset just past the last token the line prints. An own-line
    /// comment before this offset sat inside the line's code, so it moves
    /// above the line instead of below it.
    var end: Int
    /// Indentation of the own-line comments printed before this line: a
    /// closing brace puts them at the block's inner indentation.
    var commentIndent: Int
    /// Top-level items are separated by one blank line.
    var blankLineBefore = false
    /// Top-level lines keep one blank line where the author separated groups
    /// of comments (a licence header from an item's doc comment, say).
    var keepsCommentGroups = false
    /// The end-of-file anchor prints only the comments that end the file.
    var isAnchorOnly = false
}
