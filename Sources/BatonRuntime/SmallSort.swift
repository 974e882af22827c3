/// Sorts the few values a decision or a trace sorts (tag ids, an explained
/// turn's notes): insertion sort up to 16, the library's sort beyond.
enum SmallSort {
    static func sort(_ values: UnsafeMutableBufferPointer<Int32>) {
        var values = values
        guard values.count <= 16 else { return values.sort() }
        for index in 1..<max(values.count, 1) {
            let value = values[index]
            var slot = index
            while slot > 0, values[slot - 1] > value {
                values[slot] = values[slot - 1]
                slot -= 1
            }
            values[slot] = value
        }
    }
}
