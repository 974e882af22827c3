import BatonCheck
import BatonCore
import BatonGraph

/// Lowering of conditions and operands, with constant folding.
extension Lowering {
    mutating func lowerCondition(_ expr: CheckedExpr) -> NodeID {
        let location = expr.location
        switch expr.kind {
        case .constant(let value):
            return constantNode(value == .bool(true))
        case .letReference(let name, let inner):
            let body = lowerCondition(inner)
            if constant(body) != nil { return body }
            let node = nodes[body.index]
            return intern(.named(name, body), cost: node.cost, features: node.features, location: location)
        case .and, .or:
            return lowerJunction(expr)
        case .not(let inner):
            let operand = lowerCondition(inner)
            if let value = constant(operand) { return constantNode(!value) }
            if case .not(let twice) = nodes[operand.index].test { return twice }
            let node = nodes[operand.index]
            return intern(.not(operand), cost: node.cost, features: node.features, location: location)
        case .compare(let relation, let lhs, let rhs):
            return lowerComparison(Self.relation(relation), lhs, rhs, location: location)
        case .member(let subject, let values, let negated):
            if case .signal(.intent) = subject.kind {
                let names = values.compactMap { value -> String? in
                    if case .string(let name) = value { return name }
                    return nil
                }
                return intern(.intentIn(intentIDs(names), negated: negated), cost: .signal, features: [], location: location)
            }
            let operand = lowerOperand(subject)
            return leaf(.member(operand, values, negated: negated), base: .setLookup, operands: [operand], location: location)
        case .matches(let subject, let pattern, _):
            let operand = lowerOperand(subject)
            return leaf(.matches(operand, pattern: patternSlot(pattern)), base: .pattern, operands: [operand], location: location, folds: true)
        case .contains(let subject, let phrases):
            let operand = lowerOperand(subject)
            return leaf(.contains(operand, phrases: phraseSlot(phrases)), base: .phrase, operands: [operand], location: location, folds: true)
        case .exists(let subject):
            if case .api(let name, .error) = subject.kind {
                return intern(.called(api: apiSlot(name)), cost: .signal, features: .turnResults, location: location)
            }
            let operand = lowerOperand(subject)
            return leaf(.exists(operand), base: .signal, operands: [operand], location: location)
        case .errorIs(let subject, let failure):
            return lowerFailure(subject, Self.failure(failure), location: location)
        case .anyAPIError, .api(_, .error):
            return lowerFailure(expr, .any, location: location)
        case .statusUnknown(let api, let known):
            return intern(.statusUnknown(api: apiSlot(api), known: known), cost: .setLookup, features: .turnResults, location: location)
        case .toolCalled(let name):
            return intern(.toolCalled(tool: toolSlot(name)), cost: .signal, features: .turnResults, location: location)
        case .intentWas(let names, let within):
            let perTurn = intern(.intentIn(intentIDs(names), negated: false), cost: .signal, features: [], location: location)
            let track = trackSlot(perTurn, sticky: within == nil)
            largestLookBack = max(largestLookBack, within ?? 0)
            return intern(.intentWas(track: track, within: within), cost: .window, features: [], location: location)
        default:
            // A bool value used as a condition (`metadata.vip`).
            let operand = lowerOperand(expr)
            if case .constant(let value) = operand { return constantNode(value == .bool(true)) }
            return leaf(.truthy(operand), base: .signal, operands: [operand], location: location)
        }
    }

    mutating func constantNode(_ value: Bool) -> NodeID {
        intern(.constant(value), cost: .constant, features: [], location: nil)
    }

    /// A test over operands: its cost and features are those of its operands and its own work.
    private mutating func leaf(_ test: Test, base: CostClass, operands: [Operand], location: CheckedExpr.Location, folds: Bool = false) -> NodeID {
        var cost = base
        var features: FeatureSet = []
        for operand in operands {
            cost = max(cost, self.cost(of: operand))
            features.formUnion(self.features(of: operand, folded: folds))
        }
        return intern(test, cost: cost, features: features, location: location)
    }

    private mutating func lowerFailure(_ subject: CheckedExpr, _ failure: FailureClass, location: CheckedExpr.Location) -> NodeID {
        switch subject.kind {
        case .api(let name, _):
            return intern(.failed(api: apiSlot(name), failure), cost: .signal, features: .turnResults, location: location)
        case .letReference(_, let inner):
            return lowerFailure(inner, failure, location: location)
        default:
            return intern(.failed(api: nil, failure), cost: .signal, features: .turnResults, location: location)
        }
    }

    /// `and`/`or`: flattened, folded, deduplicated and ordered cheapest first.
    private mutating func lowerJunction(_ expr: CheckedExpr) -> NodeID {
        let isAnd: Bool
        if case .and = expr.kind { isAnd = true } else { isAnd = false }
        var operands: [CheckedExpr] = []
        flatten(expr, isAnd: isAnd, into: &operands)
        var children: [NodeID] = []
        for operand in operands {
            let child = lowerCondition(operand)
            if let value = constant(child) {
                // `x and false` is false, `x or true` is true; the neutral constant drops out.
                if value != isAnd { return constantNode(value) }
                continue
            }
            // A nested junction of the same kind (from a `let`-free fold) is spliced in.
            switch nodes[child.index].test {
            case .all(let inner) where isAnd: children.append(contentsOf: inner)
            case .any(let inner) where !isAnd: children.append(contentsOf: inner)
            default: children.append(child)
            }
        }
        var seen = Set<NodeID>()
        children = children.filter { seen.insert($0).inserted }
        if children.isEmpty { return constantNode(isAnd) }
        if children.count == 1 { return children[0] }
        // Cheap tests first, so an expensive one runs only when still needed.
        children.sort { (nodes[$0.index].cost, $0) < (nodes[$1.index].cost, $1) }
        let cost = children.map { nodes[$0.index].cost }.max() ?? .constant
        let features = children.reduce(into: FeatureSet()) { $0.formUnion(nodes[$1.index].features) }
        return intern(isAnd ? .all(children) : .any(children), cost: cost, features: features, location: expr.location)
    }

    private func flatten(_ expr: CheckedExpr, isAnd: Bool, into operands: inout [CheckedExpr]) {
        switch expr.kind {
        case .and(let lhs, let rhs) where isAnd, .or(let lhs, let rhs) where !isAnd:
            flatten(lhs, isAnd: isAnd, into: &operands)
            flatten(rhs, isAnd: isAnd, into: &operands)
        default:
            operands.append(expr)
        }
    }
}
