import BatonCheck
import BatonCore
import BatonGraph

/// Comparisons, operands and windows.
extension Lowering {
    mutating func lowerComparison(_ relation: Relation, _ lhs: CheckedExpr, _ rhs: CheckedExpr, location: CheckedExpr.Location) -> NodeID {
        // `intent == wismo` is an intent-set test, which the dispatch index reads.
        if case .signal(.intent) = lhs.kind, case .constant(.string(let name)) = rhs.kind,
           relation == .equal || relation == .notEqual {
            return intern(.intentIn(intentIDs([name]), negated: relation == .notEqual), cost: .signal, features: [], location: location)
        }
        let left = lowerOperand(lhs)
        let right = lowerOperand(rhs)
        if case .constant(let a) = left, case .constant(let b) = right {
            return constantNode(Self.fold(relation, a, b))
        }
        var features = self.features(of: left, folded: false).union(self.features(of: right, folded: false))
        if left == .signal(.message) || right == .signal(.message) { features.insert(.messageText) }
        let cost = max(self.cost(of: left), self.cost(of: right))
        return intern(.compare(relation, left, right), cost: cost, features: features, location: location)
    }

    static func fold(_ relation: Relation, _ lhs: Value, _ rhs: Value) -> Bool {
        if case .number(let a) = lhs, case .number(let b) = rhs { return relation.holds(a, b) }
        switch relation {
        case .equal: return lhs == rhs && lhs != .null
        case .notEqual: return lhs != rhs && lhs != .null && rhs != .null
        default: return false
        }
    }

    mutating func lowerOperand(_ expr: CheckedExpr) -> Operand {
        switch expr.kind {
        case .constant(let value): return .constant(value)
        case .signal(let signal): return .signal(Self.signal(signal))
        case .metadata(let field, _): return .metadata(slot: metadataSlot(field))
        case .api(let name, let field): return .api(slot: apiSlot(name), Self.valueField(field))
        case .toolSummary: return .toolSummary
        case .negate(let inner):
            let operand = lowerOperand(inner)
            if case .constant(.number(let value)) = operand { return .constant(.number(-value)) }
            return .negate(operand)
        case .letReference(_, let inner): return lowerOperand(inner)
        case .window(let function, let argument, let turns):
            let aggregate = Self.aggregate(function)
            let source: WindowSpec.Source
            if aggregate == .count || aggregate == .consecutive {
                source = .track(trackSlot(lowerCondition(argument), sticky: false))
            } else if case .signal(let signal) = argument.kind {
                source = .signal(Self.signal(signal))
            } else {
                source = .signal(.sentiment)
            }
            return .window(slot: windowSlot(WindowSpec(aggregate: aggregate, source: source, turns: turns)))
        default:
            // Conditions used as values do not pass the checker; read as missing.
            return .constant(.null)
        }
    }

    func cost(of operand: Operand) -> CostClass {
        switch operand {
        case .constant: .constant
        case .signal(.sentiment): .sentiment
        case .signal: .signal
        case .metadata: .metadata
        case .api, .toolSummary: .signal
        case .negate(let inner): cost(of: inner)
        case .window: .window
        }
    }

    func features(of operand: Operand, folded: Bool) -> FeatureSet {
        switch operand {
        case .signal(.sentiment): return .sentiment
        case .signal(.message): return folded ? .foldedMessage : .messageText
        case .api, .toolSummary: return .turnResults
        case .negate(let inner): return features(of: inner, folded: folded)
        case .window(let slot):
            switch windows[slot].source {
            case .signal(.sentiment): return .sentiment
            case .signal: return []
            case .track(let track): return nodes[tracks[track].node.index].features
            }
        default: return []
        }
    }

    static func relation(_ comparison: Comparison) -> Relation {
        switch comparison {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        }
    }

    static func failure(_ errorClass: ErrorClass) -> FailureClass {
        switch errorClass {
        case .any: .any
        case .clientError: .clientError
        case .serverError: .serverError
        case .timeout: .timeout
        }
    }

    static func aggregate(_ function: WindowFunction) -> WindowAggregate {
        switch function {
        case .avg: .avg
        case .min: .min
        case .max: .max
        case .sum: .sum
        case .trend: .trend
        case .count: .count
        case .consecutive: .consecutive
        }
    }
}
