// A Pike VM: runs every NFA thread in lockstep over the text, one scalar at a
// time, keeping at most one thread per instruction. Cost is
// O(text length × program length) whatever the pattern — no backtracking.
//
// Threads are kept in priority order, which gives leftmost-first (Perl-style)
// match extents for `firstMatch`. Memory: a single scratch allocation per call
// (7 × program length + 2 words, on the stack when small).

struct PikeVM {
    /// Runs `program` over `text`. With `wantRange == false`, returns as soon
    /// as any match is known, with an empty range.
    static func search(_ program: Program, in text: [UInt32], wantRange: Bool) -> Range<Int>? {
        if let factors = program.requiredFactors,
           !text.withUnsafeBufferPointer({ factors.occurs(in: $0) }) {
            return nil
        }
        let size = program.instructions.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 7 * size + 2) { scratch in
            text.withUnsafeBufferPointer { text in
                program.instructions.withUnsafeBufferPointer { code in
                    program.classes.withUnsafeBufferPointer { classes in
                        let machine = Machine(
                            code: code, classes: classes, text: text, scratch: scratch, size: size)
                        return machine.run(program, wantRange: wantRange)
                    }
                }
            }
        }
    }
}

/// A list of threads (instruction, match start) in priority order.
private struct ThreadList {
    let pcs: UnsafeMutablePointer<Int>
    let starts: UnsafeMutablePointer<Int>
    var count = 0
}

private struct Machine {
    let code: UnsafeBufferPointer<Instruction>
    let classes: UnsafeBufferPointer<CompiledClass>
    let text: UnsafeBufferPointer<UInt32>
    /// `marks[pc] == position + 1` when `pc` is already on the list for `position`.
    let marks: UnsafeMutablePointer<Int>
    let stack: UnsafeMutablePointer<Int>
    let lists: (ThreadList, ThreadList)

    init(code: UnsafeBufferPointer<Instruction>, classes: UnsafeBufferPointer<CompiledClass>,
         text: UnsafeBufferPointer<UInt32>, scratch: UnsafeMutableBufferPointer<Int>, size: Int) {
        let base = scratch.baseAddress!
        base.initialize(repeating: 0, count: size)
        self.code = code
        self.classes = classes
        self.text = text
        marks = base
        lists = (ThreadList(pcs: base + size, starts: base + 2 * size),
                 ThreadList(pcs: base + 3 * size, starts: base + 4 * size))
        // Each closure pushes at most two entries per instruction it marks.
        stack = base + 5 * size
    }

    func run(_ program: Program, wantRange: Bool) -> Range<Int>? {
        var (current, next) = lists
        let end = text.count
        var matched: Range<Int>? = nil
        var position = 0
        while true {
            if current.count == 0 {
                // No live threads: jump to the next place a match could begin.
                if matched != nil || (program.anchoredAtStart && position > 0) || position > end { break }
                if let firstScalars = program.firstScalars {
                    while position < end, !firstScalars.contains(text[position] & Packed.scalarMask) {
                        position += 1
                    }
                    if position >= end { break }
                }
                addThread(to: &current, pc: 0, start: position, at: position)
                if current.count == 0 {
                    position += 1
                    continue
                }
            }
            next.count = 0
            let scalar = position < end ? text[position] : 0
            var index = 0
            threads: while index < current.count {
                let pc = current.pcs[index], start = current.starts[index]
                index += 1
                let instruction = code[pc]
                let consumed: Bool
                switch instruction.opcode {
                case .match:
                    if !wantRange { return 0..<0 }
                    matched = start..<position
                    // Lower-priority threads can only give a worse match.
                    break threads
                case .scalar:
                    consumed = position < end && scalar & Packed.scalarMask == UInt32(instruction.x)
                case .any:
                    consumed = position < end
                case .charClass:
                    consumed = position < end && classes[Int(instruction.x)].contains(scalar)
                default:
                    consumed = false  // zero-width opcodes never reach a list
                }
                if consumed { addThread(to: &next, pc: pc + 1, start: start, at: position + 1) }
            }
            if position >= end { break }
            position += 1
            swap(&current, &next)
            if matched == nil, !program.anchoredAtStart, current.count > 0 {
                // The new start goes last: it has the lowest priority.
                addThread(to: &current, pc: 0, start: position, at: position)
            }
        }
        return matched
    }

    /// Adds `pc` and everything reachable from it without consuming input.
    private func addThread(to list: inout ThreadList, pc: Int, start: Int, at position: Int) {
        let stamp = position + 1
        var depth = 1
        stack[0] = pc
        while depth > 0 {
            depth -= 1
            let pc = stack[depth]
            if marks[pc] == stamp { continue }
            marks[pc] = stamp
            let instruction = code[pc]
            switch instruction.opcode {
            case .jump:
                stack[depth] = Int(instruction.x)
                depth += 1
            case .split:
                // Push the alternative first so the preferred branch runs first.
                stack[depth] = Int(instruction.y)
                stack[depth + 1] = Int(instruction.x)
                depth += 2
            case .assertStart, .assertEnd, .wordBoundary, .notWordBoundary:
                if assertionHolds(instruction.opcode, at: position) {
                    stack[depth] = pc + 1
                    depth += 1
                }
            case .scalar, .any, .charClass, .match:
                list.pcs[list.count] = pc
                list.starts[list.count] = start
                list.count += 1
            }
        }
    }

    private func assertionHolds(_ opcode: Opcode, at position: Int) -> Bool {
        switch opcode {
        case .assertStart: return position == 0
        case .assertEnd: return position == text.count
        default:
            let before = position > 0 && text[position - 1] & Packed.wordBit != 0
            let after = position < text.count && text[position] & Packed.wordBit != 0
            return (before != after) == (opcode == .wordBoundary)
        }
    }
}
