extension Decision {
    /// One of a decision's lists (fired rules, tags, shadow rules, held-back
    /// rules), read like an array. A decision keeps its lists as numbers
    /// into its rule set's names, and the list names each element when it
    /// is read, so a turn pays for the names a caller reads, not for every
    /// list it fills.
    /// It codes as a plain array and compares element by element; changing
    /// it makes it a plain array.
    /// Unchecked `Sendable` for the reason `Decision` is.
    public struct List<Element: Sendable & Hashable & Codable>: @unchecked Sendable {
        /// The list when `storage` is nil.
        @usableFromInline var elements: [Element]
        /// The numbers `lower..<upper` of a decision's storage, named as `kind` says.
        @usableFromInline var storage: Decision.Storage?
        @usableFromInline var lower: Int32
        @usableFromInline var upper: Int32
        @usableFromInline var kind: Decision.ListKind

        @inlinable
        public init(_ elements: [Element]) {
            self.elements = elements
            storage = nil
            lower = 0
            upper = 0
            kind = .fired
        }

        @inlinable
        init(storage: Decision.Storage?, lower: Int32, upper: Int32, kind: Decision.ListKind) {
            elements = []
            self.storage = storage
            self.lower = lower
            self.upper = upper
            self.kind = kind
        }
    }
}

extension Decision.List: RandomAccessCollection, MutableCollection, RangeReplaceableCollection {
    public typealias Index = Int

    @inlinable
    public init() {
        self.init([])
    }

    @inlinable
    public init(_ elements: some Sequence<Element>) {
        self.init(Array(elements))
    }

    @inlinable
    public var startIndex: Int { 0 }

    @inlinable
    public var endIndex: Int {
        storage == nil ? elements.count : Int(upper - lower)
    }

    @inlinable
    public subscript(position: Int) -> Element {
        get {
            guard let storage else { return elements[position] }
            precondition(position >= 0 && position < Int(upper - lower), "Decision.List index out of range")
            return storage.withUnsafeMutablePointers { header, codes in
                header.pointee.table.unsafelyUnwrapped.element(codes[Int(lower) + position], kind)
            }
        }
        set {
            var elements = elementArray
            elements[position] = newValue
            self = Self(elements)
        }
    }

    @inlinable
    public mutating func replaceSubrange(_ subrange: Range<Int>, with newElements: some Collection<Element>) {
        var elements = elementArray
        elements.replaceSubrange(subrange, with: newElements)
        self = Self(elements)
    }

    /// The elements as an array, named if they are numbers.
    @inlinable
    var elementArray: [Element] {
        storage == nil ? elements : Array(self)
    }
}

extension Decision.List: ExpressibleByArrayLiteral {
    @inlinable
    public init(arrayLiteral elements: Element...) {
        self.init(elements)
    }
}

extension Decision.List: Hashable {
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.elementsEqual(rhs)
    }

    /// Compares with an array, so `decision.tags == expectedTags` reads as it did when the lists were arrays.
    @inlinable
    public static func == (lhs: Self, rhs: [Element]) -> Bool {
        lhs.elementsEqual(rhs)
    }

    @inlinable
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
        self.init(try [Element](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try elementArray.encode(to: encoder)
    }
}

extension Decision.List: CustomStringConvertible {
    public var description: String { elementArray.description }
}
