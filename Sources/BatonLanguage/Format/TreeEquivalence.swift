/// Tree equality for the soundness check, with the same meaning as `==`
/// (spans ignored) but walking `or`/`and` chains with a loop: the derived
/// `==` on `Expr` recurses once per operand of a left-nested chain and
/// overflows the stack on a few thousand operands.
enum TreeEquivalence {
    static func items(_ lhs: Item, _ rhs: Item) -> Bool {
        switch (lhs, rhs) {
        case (.letDecl(let left), .letDecl(let right)):
            return left.name == right.name && exprs(left.value, right.value)
        case (.rule(let left), .rule(let right)):
            return left.name == right.name && left.shadow == right.shadow && left.settings == right.settings
                && left.actions == right.actions && exprs(left.condition, right.condition)
        default:
            // The other items hold no conditions.
            return lhs == rhs
        }
    }

    static func exprs(_ lhs: Expr, _ rhs: Expr) -> Bool {
        switch (lhs, rhs) {
        case (.binary(let leftOp, _, _, _), .binary(let rightOp, _, _, _))
        where leftOp == rightOp && (leftOp == .or || leftOp == .and):
            return lists(LineBuilder.chain(lhs, leftOp), LineBuilder.chain(rhs, rightOp))
        case (.binary(let leftOp, let a, let b, _), .binary(let rightOp, let c, let d, _)):
            return leftOp == rightOp && exprs(a, c) && exprs(b, d)
        case (.unary(let leftOp, let a, _), .unary(let rightOp, let b, _)):
            return leftOp == rightOp && exprs(a, b)
        case (.list(let a, _), .list(let b, _)):
            return lists(a, b)
        case (.membership(let a, let leftNegated, let b, _), .membership(let c, let rightNegated, let d, _)):
            return leftNegated == rightNegated && exprs(a, c) && exprs(b, d)
        case (.matches(let a, let leftPattern, _), .matches(let b, let rightPattern, _)):
            return leftPattern == rightPattern && exprs(a, b)
        case (.contains(let a, let b, _), .contains(let c, let d, _)):
            return exprs(a, c) && exprs(b, d)
        case (.exists(let a, _), .exists(let b, _)):
            return exprs(a, b)
        case (.isClass(let a, let leftClass, _), .isClass(let b, let rightClass, _)):
            return leftClass == rightClass && exprs(a, b)
        case (.call(let leftName, let a, let leftWindow, _), .call(let rightName, let b, let rightWindow, _)):
            return leftName == rightName && leftWindow == rightWindow && lists(a, b)
        case (.intentWas(let a, let leftWindow, _), .intentWas(let b, let rightWindow, _)):
            return leftWindow == rightWindow && exprs(a, b)
        default:
            // Leaves, or different kinds of node (which `==` rejects without recursing).
            return lhs == rhs
        }
    }

    private static func lists(_ lhs: [Expr], _ rhs: [Expr]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { exprs($0, $1) }
    }
}
