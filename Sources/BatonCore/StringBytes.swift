extension String {
    /// Calls `body` with the string's UTF-8 bytes. A native string's are
    /// read in place: `withUTF8` is mutating, so calling it on a parameter
    /// copies the string first, a retain and a release of its storage.
    @inlinable
    package func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
