import BatonCore

/// The hash every checked node computes once, from its case, its payload
/// and its children's cached hashes (`CheckedExpr.structuralHash`). A few
/// multiply-xorshift rounds instead of a seeded SipHash per node: equal
/// trees still hash equal, and maps keyed by nodes still mix the result
/// through `Hasher`.
typealias StructuralHasher = MixingHasher<StructuralLane>

/// One multiply-xorshift hash of a checked tree's cases, payloads and
/// children, in the order `CheckedExpr.Kind.combine(into:)` walks them;
/// `Lane` gives its constants and how it takes a child. Text is mixed
/// eight ASCII bytes at a time with the lane's own constants, so two lanes
/// do not share text collisions.
struct MixingHasher<Lane: HashLane> {
    private(set) var state: UInt64 = Lane.seed

    mutating func combine(_ value: UInt64) {
        state = (state ^ value) &* Lane.multiplier
        state ^= state >> Lane.shift
    }

    mutating func combine(_ value: Int) { combine(UInt64(bitPattern: Int64(value))) }

    mutating func combine(_ flag: Bool) { combine(flag ? 1 as UInt64 : 0) }

    /// A payload-free enum's case, by its one-byte tag.
    mutating func combineCase<Case>(_ value: Case) {
        precondition(MemoryLayout<Case>.size == 1, "not a payload-free enum")
        withUnsafeBytes(of: value) { combine(UInt64($0[0])) }
    }

    mutating func combine(_ value: Value) {
        switch value {
        case .null:
            combine(0 as UInt64)
        case .bool(let flag):
            combine(1 as UInt64)
            combine(flag)
        case .number(let number):
            combine(2 as UInt64)
            // -0.0 == 0.0, so both hash as 0.
            combine(number == 0 ? 0 : number.bitPattern)
        case .string(let text):
            combine(3 as UInt64)
            combine(text)
        case .list(let values):
            combine(4 as UInt64)
            combine(values)
        }
    }

    mutating func combine(_ values: [Value]) {
        combine(values.count)
        for value in values { combine(value) }
    }

    mutating func combine(_ texts: [String]) {
        combine(texts.count)
        for text in texts { combine(text) }
    }

    /// Text by its bytes, eight at a time, when it is ASCII. `==` on
    /// strings is canonical equivalence, and only three other scalars
    /// are equivalent to ASCII (U+037E `;`, U+1FEF `` ` ``, U+212A `K`), so
    /// text made of ASCII and those hashes as its ASCII equivalent; any
    /// other text takes `String`'s own hashing, which agrees with `==`.
    mutating func combine(_ text: String) {
        var text = text
        if let digest = text.withUTF8(Self.asciiDigest) {
            combine(digest)
            return
        }
        var folded = String(String.UnicodeScalarView(text.unicodeScalars.map(asciiEquivalent)))
        if let digest = folded.withUTF8(Self.asciiDigest) {
            combine(digest)
        } else {
            var hasher = Hasher()
            hasher.combine(Lane.seed)
            hasher.combine(text)
            combine(hasher.finalize())
        }
    }

    /// A digest of ASCII bytes; nil if any byte is not ASCII.
    private static func asciiDigest(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var hasher = Self()
        hasher.combine(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { return nil }
            hasher.combine(word)
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            if bytes[index] >= 0x80 { return nil }
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hasher.combine(tail)
        return hasher.state
    }

    mutating func combine(child: CheckedExpr) { Lane.combine(child: child, into: &self) }

    var value: Int {
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(truncatingIfNeeded: mixed ^ (mixed >> 31))
    }
}

private func asciiEquivalent(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar.value {
    case 0x037E: ";"
    case 0x1FEF: "`"
    case 0x212A: "K"
    default: scalar
    }
}

/// A `MixingHasher`'s constants, and how it takes a child.
protocol HashLane: SendableMetatype {
    static var seed: UInt64 { get }
    /// Odd, so each round is a bijection.
    static var multiplier: UInt64 { get }
    static var shift: UInt64 { get }
    static func combine(child: CheckedExpr, into hasher: inout MixingHasher<Self>)
}

/// `CheckedExpr.structuralHash`: a child by its cached hash, so hashing a
/// node costs O(1).
enum StructuralLane: HashLane {
    static var seed: UInt64 { 0x9E37_79B9_7F4A_7C15 }
    static var multiplier: UInt64 { 0xBF58_476D_1CE4_E5B9 }
    static var shift: UInt64 { 29 }

    static func combine(child: CheckedExpr, into hasher: inout MixingHasher<Self>) {
        hasher.combine(child.structuralHash)
    }
}

extension CheckedExpr.Kind {
    /// Every case and payload that `==` compares, except a pattern, which
    /// its source stands for.
    func combine<Lane: HashLane>(into hasher: inout MixingHasher<Lane>) {
        switch self {
        case .constant(let value):
            hasher.combine(0 as UInt64)
            hasher.combine(value)
        case .signal(let signal):
            hasher.combine(1 as UInt64)
            hasher.combineCase(signal)
        case .metadata(let field, let type):
            hasher.combine(2 as UInt64)
            hasher.combine(field)
            hasher.combineCase(type)
        case .api(let name, let field):
            hasher.combine(3 as UInt64)
            hasher.combine(name)
            hasher.combineCase(field)
        case .anyAPIError:
            hasher.combine(4 as UInt64)
        case .toolSummary:
            hasher.combine(5 as UInt64)
        case .toolCalled(let name):
            hasher.combine(6 as UInt64)
            hasher.combine(name)
        case .not(let inner):
            hasher.combine(7 as UInt64)
            hasher.combine(child: inner)
        case .and(let lhs, let rhs):
            hasher.combine(8 as UInt64)
            hasher.combine(child: lhs)
            hasher.combine(child: rhs)
        case .or(let lhs, let rhs):
            hasher.combine(9 as UInt64)
            hasher.combine(child: lhs)
            hasher.combine(child: rhs)
        case .negate(let inner):
            hasher.combine(10 as UInt64)
            hasher.combine(child: inner)
        case .compare(let op, let lhs, let rhs):
            hasher.combine(11 as UInt64)
            hasher.combineCase(op)
            hasher.combine(child: lhs)
            hasher.combine(child: rhs)
        case .member(let subject, let values, let negated):
            hasher.combine(12 as UInt64)
            hasher.combine(child: subject)
            hasher.combine(values)
            hasher.combine(negated)
        case .matches(let subject, _, let source):
            hasher.combine(13 as UInt64)
            hasher.combine(child: subject)
            hasher.combine(source)
        case .contains(let subject, let phrases):
            hasher.combine(14 as UInt64)
            hasher.combine(child: subject)
            hasher.combine(phrases)
        case .exists(let subject):
            hasher.combine(15 as UInt64)
            hasher.combine(child: subject)
        case .errorIs(let subject, let errorClass):
            hasher.combine(16 as UInt64)
            hasher.combine(child: subject)
            hasher.combineCase(errorClass)
        case .statusUnknown(let api, let known):
            hasher.combine(17 as UInt64)
            hasher.combine(api)
            hasher.combine(known)
        case .window(let function, let argument, let turns):
            hasher.combine(18 as UInt64)
            hasher.combineCase(function)
            hasher.combine(child: argument)
            hasher.combine(turns)
        case .intentWas(let intents, let within):
            hasher.combine(19 as UInt64)
            hasher.combine(intents)
            hasher.combine(within ?? -1)
            hasher.combine(within != nil)
        case .letReference(let name, let inner):
            hasher.combine(20 as UInt64)
            hasher.combine(name)
            hasher.combine(child: inner)
        }
    }
}
