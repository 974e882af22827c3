// Lowers a `PatternNode` tree to a `Program` (Thompson construction).
//
// Counted repetition is expanded into copies, so the instruction limit is
// checked as code is emitted: the error points at the repetition that
// overflowed, and no more than one copy past the limit is ever built.

struct PatternCompiler {
    static let maxInstructions = 10_000

    private var program = Program()
    private var classIndex: [ClassSpec: Int32] = [:]
    private let wholeSpan: SourceSpan

    static func compile(_ root: PatternNode, sourceLength: Int) throws(PatternError) -> Program {
        var compiler = PatternCompiler(wholeSpan: SourceSpan(offset: 0, length: sourceLength))
        try compiler.emit(root, span: nil)
        compiler.append(Instruction(opcode: .match))
        try compiler.checkSize(compiler.wholeSpan)
        compiler.program.anchoredAtStart = root.isAnchoredAtStart
        compiler.program.firstScalars = compiler.firstScalars()
        compiler.program.requiredFactors = RequiredFactors.of(root)
        return compiler.program
    }

    private init(wholeSpan: SourceSpan) {
        self.wholeSpan = wholeSpan
    }

    // MARK: - Emission

    /// `span` is the outermost enclosing repetition, which size errors point
    /// at (the whole pattern when there is none).
    private mutating func emit(_ node: PatternNode, span: SourceSpan?) throws(PatternError) {
        switch node {
        case .empty:
            break
        case .literal(let scalars):
            for scalar in scalars { append(Instruction(opcode: .scalar, x: Int32(scalar))) }
        case .anyScalar:
            append(Instruction(opcode: .any))
        case .charClass(let spec):
            append(Instruction(opcode: .charClass, x: classNumber(spec)))
        case .assertion(let assertion):
            let opcodes: [Assertion: Opcode] = [
                .start: .assertStart, .end: .assertEnd,
                .wordBoundary: .wordBoundary, .notWordBoundary: .notWordBoundary,
            ]
            append(Instruction(opcode: opcodes[assertion] ?? .match))
        case .concatenation(let items):
            for item in items { try emit(item, span: span) }
        case .alternation(let branches):
            try emitAlternation(branches, span: span)
        case .repetition(let operand, let min, let max, let repetitionSpan):
            try emitRepetition(operand, min: min, max: max, span: span ?? repetitionSpan)
        }
        try checkSize(span ?? wholeSpan)
    }

    private mutating func emitAlternation(_ branches: [PatternNode], span: SourceSpan?) throws(PatternError) {
        // split L1, next; L1: a; jump end; next: split L2, next2; … last branch.
        var jumpsToEnd: [Int] = []
        for (number, branch) in branches.enumerated() {
            if number < branches.count - 1 {
                let split = append(Instruction(opcode: .split))
                program.instructions[split].x = Int32(split + 1)
                try emit(branch, span: span)
                jumpsToEnd.append(append(Instruction(opcode: .jump)))
                program.instructions[split].y = Int32(program.instructions.count)
            } else {
                try emit(branch, span: span)
            }
        }
        for jump in jumpsToEnd { program.instructions[jump].x = Int32(program.instructions.count) }
    }

    private mutating func emitRepetition(
        _ operand: PatternNode, min: Int, max: Int?, span: SourceSpan
    ) throws(PatternError) {
        if let max {
            for _ in 0..<min { try emit(operand, span: span) }
            // Nested optionals: (e(e(e)?)?)? — each split may skip to the end.
            var exits: [Int] = []
            for _ in min..<max {
                let split = append(Instruction(opcode: .split))
                program.instructions[split].x = Int32(split + 1)
                exits.append(split)
                try emit(operand, span: span)
            }
            for split in exits { program.instructions[split].y = Int32(program.instructions.count) }
        } else if min == 0 {
            // loop: split body, exit; body: e; jump loop; exit:
            let split = append(Instruction(opcode: .split))
            program.instructions[split].x = Int32(split + 1)
            try emit(operand, span: span)
            append(Instruction(opcode: .jump, x: Int32(split)))
            program.instructions[split].y = Int32(program.instructions.count)
        } else {
            // e{min-1} then body: e; split body, exit — the last copy loops.
            for _ in 0..<(min - 1) { try emit(operand, span: span) }
            let body = program.instructions.count
            try emit(operand, span: span)
            let split = append(Instruction(opcode: .split, x: Int32(body)))
            program.instructions[split].y = Int32(split + 1)
        }
    }

    @discardableResult
    private mutating func append(_ instruction: Instruction) -> Int {
        program.instructions.append(instruction)
        return program.instructions.count - 1
    }

    private func checkSize(_ span: SourceSpan) throws(PatternError) {
        if program.instructions.count > Self.maxInstructions {
            throw PatternError(message: Self.tooLarge, offset: span.offset, length: span.length)
        }
    }

    // MARK: - Classes

    private mutating func classNumber(_ spec: ClassSpec) -> Int32 {
        if let number = classIndex[spec] { return number }
        var ranges = spec.ranges
        // Add the folded form of every member so `[A-Z]` and `[é]` match
        // folded text; the original members stay (they cost nothing).
        let table = FoldTable.shared
        for range in spec.ranges {
            for (_, folded) in table.nontrivialFolds(in: range) { ranges.append(folded...folded) }
        }
        let number = Int32(program.classes.count)
        program.classes.append(CompiledClass(ranges: ranges, builtins: spec.builtins, negated: spec.negated))
        classIndex[spec] = number
        return number
    }

    // MARK: - Prefilter

    /// The scalars every match must start with, if there are at most four.
    private func firstScalars() -> [UInt32]? {
        var seen = Set<Int>(), stack = [0], result = Set<UInt32>()
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            let instruction = program.instructions[pc]
            switch instruction.opcode {
            case .scalar: result.insert(UInt32(instruction.x))
            case .split: stack += [Int(instruction.y), Int(instruction.x)]
            case .jump: stack.append(Int(instruction.x))
            case .assertStart, .assertEnd, .wordBoundary, .notWordBoundary: stack.append(pc + 1)
            case .any, .charClass, .match: return nil
            }
            if result.count > 4 { return nil }
        }
        return result.sorted()
    }
}

extension PatternCompiler {
    fileprivate static let tooLarge =
        "pattern too large: it expands to more than \(maxInstructions) steps; use smaller repetition counts"
}
