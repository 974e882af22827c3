extension Decision {
    /// One of a decision's lists (fired rules, tags, shadow rules, held-back
    /// rules), read like an array. The engine fills it with numbers into its
    /// rule set's name table and names each element when it is read, so a
    /// turn pays for the names a caller reads, not for every list it fills.
    /// It codes as a plain array and compares element by element; mutating
    /// it turns it into a plain array.
    public struct List<Element: Sendable & Hashable & Codable>: Sendable {
        @usableFromInline enum Backing: Sendable {
            case elements([Element])
            case coded(DecisionCodes, Range<Int>, @Sendable (Int32, DecisionNameTable) -> Element)
        }

        @usableFromInline var backing: Backing

        @inlinable
        public init(_ elements: [Element]) {
            backing = .elements(elements)
        }

        init(coded codes: DecisionCodes, _ range: Range<Int>, name: @escaping @Sendable (Int32, DecisionNameTable) -> Element) {
            backing = .coded(codes, range, name)
        }
    }
}

extension Decision.List: RandomAccessCollection, MutableCollection, RangeReplaceableCollection {
    public typealias Index = Int

    public init() {
        backing = .elements([])
    }

    public init(_ elements: some Sequence<Element>) {
        backing = .elements(Array(elements))
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch backing {
        case .elements(let elements): elements.count
        case .coded(_, let range, _): range.count
        }
    }

    public subscript(position: Int) -> Element {
        get {
            switch backing {
            case .elements(let elements):
                return elements[position]
            case .coded(let codes, let range, let name):
                precondition(position >= 0 && position < range.count, "Decision.List index out of range")
                return name(codes.code(range.lowerBound + position), codes.header.table)
            }
        }
        set {
            var elements = elementArray
            elements[position] = newValue
            backing = .elements(elements)
        }
    }

    public mutating func replaceSubrange(_ subrange: Range<Int>, with newElements: some Collection<Element>) {
        var elements = elementArray
        elements.replaceSubrange(subrange, with: newElements)
        backing = .elements(elements)
    }

    /// The elements as an array, named if they are coded.
    var elementArray: [Element] {
        switch backing {
        case .elements(let elements): elements
        case .coded: Array(self)
        }
    }
}

extension Decision.List: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) {
        backing = .elements(elements)
    }
}

extension Decision.List: Hashable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.elementsEqual(rhs)
    }

    /// Compares with an array, so `decision.tags == expectedTags` reads as it did when the lists were arrays.
    public static func == (lhs: Self, rhs: [Element]) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public static func == (lhs: [Element], rhs: Self) -> Bool {
        lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}

extension Decision.List: Codable {
    public init(from decoder: any Decoder) throws {
        backing = .elements(try [Element](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try elementArray.encode(to: encoder)
    }
}

extension Decision.List: CustomStringConvertible {
    public var description: String { elementArray.description }
}
