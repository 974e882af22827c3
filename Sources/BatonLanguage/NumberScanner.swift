/// Reads number tokens (`12`, `0.45`) straight from the source bytes, with
/// the same results as `Int(String)` and `Double(String)` but without
/// building a `String` for the common short literals.
enum NumberScanner {
    /// The integer spelled by `bytes[start..<end]`; nil for a fraction or on overflow.
    static func integer(in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        guard start < end else { return nil }
        var value = 0
        for index in start..<end {
            let digit = Int(bytes[index]) - 0x30
            guard digit >= 0, digit <= 9 else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// The number spelled by `digits[.digits]`, rounded like `Double(String)`.
    static func double(in bytes: [UInt8], from start: Int, to end: Int) -> Double? {
        // Exact fast path (Clinger): when the digits form an integer below 2^53
        // and at most 22 of them follow the point, both it and the power of ten
        // are exact doubles, so one division rounds correctly.
        var mantissa: UInt64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if byte >= 0x30, byte <= 0x39, mantissa < 1 << 49 {
                mantissa = mantissa * 10 + UInt64(byte - 0x30)
                if seenPoint { fractionDigits += 1 }
            } else {
                return Double(String(decoding: bytes[start..<end], as: UTF8.self))
            }
            index += 1
        }
        guard start < end, fractionDigits <= 22 else {
            return Double(String(decoding: bytes[start..<end], as: UTF8.self))
        }
        return Double(mantissa) / powersOfTen[fractionDigits]
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
