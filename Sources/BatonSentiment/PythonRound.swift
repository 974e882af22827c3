/// Python's `round(x, n)`: the nearest n-decimal number to the *exact* binary
/// value of x, ties to even, returned as the nearest double. Scaling and
/// rounding in floating point gives the same answer except when the scaled
/// value lands exactly on a half, where the product's rounding error decides.
enum PythonRound {
    static func round(_ value: Double, digits: Int) -> Double {
        let scale = digits == 3 ? 1e3 : digits == 4 ? 1e4 : pow10(digits)
        let scaled = value * scale
        guard scaled.isFinite, abs(scaled) < 0x1p52 else { return value }
        let floor = scaled.rounded(.down)
        var rounded: Double
        if scaled - floor == 0.5 {
            // The exact product is scaled + error; its sign says which side of
            // the half the true value lies on.
            let error = value.multipliedFullWidthError(by: scale, product: scaled)
            if error > 0 {
                rounded = floor + 1
            } else if error < 0 {
                rounded = floor
            } else {
                rounded = floor.truncatingRemainder(dividingBy: 2) == 0 ? floor : floor + 1
            }
        } else {
            rounded = scaled.rounded(.toNearestOrAwayFromZero)
        }
        // Keep the sign of a value that rounds to zero, as Python does (-0.0).
        if rounded == 0 { rounded = value < 0 ? -0.0 : 0.0 }
        return rounded / scale
    }

    private static func pow10(_ digits: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(digits, 0) { result *= 10 }
        return result
    }
}

extension Double {
    /// The rounding error of `self * factor`, exact thanks to a fused multiply-add.
    fileprivate func multipliedFullWidthError(by factor: Double, product: Double) -> Double {
        (-product).addingProduct(self, factor)
    }
}
