/// Walks `--name value` options in order, handing each pair to `apply`,
/// which returns false for a name it does not know: that is an error naming it.
func forEachOption(_ arguments: [String], _ apply: (_ name: String, _ value: String) -> Bool) throws {
    var index = 0
    while index < arguments.count {
        let value = index + 1 < arguments.count ? arguments[index + 1] : ""
        guard apply(arguments[index], value) else { throw EngineBenchError("unknown option `\(arguments[index])`") }
        index += 2
    }
}
