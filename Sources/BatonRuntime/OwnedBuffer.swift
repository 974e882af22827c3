extension UnsafeMutableBufferPointer {
    /// A new buffer holding `values`, for the plan's tables: reading a buffer
    /// the plan owns retains nothing and checks no bounds in release builds,
    /// where an array read does both. The owner deinitializes (for elements
    /// that need it) and deallocates it.
    static func copying(_ values: [Element]) -> UnsafeMutableBufferPointer<Element> {
        // Never a zero-byte allocation; the buffer's count is exactly the values'.
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: Swift.max(values.count, 1))
        _ = buffer.initialize(from: values)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<values.count])
    }
}
