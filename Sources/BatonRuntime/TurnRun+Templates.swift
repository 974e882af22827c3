import BatonCore
import BatonGraph

/// Rendering a winner's reason and message into its decision.
extension TurnRun {
    /// Renders the reason and message of `action` as far as sizing them:
    /// each placeholder's text is computed once and kept in `slots` (at
    /// least `plan.textSlots` of them) until the decision's storage, which
    /// holds the rendered bytes, is written; then `release` the result. A
    /// missing value renders as an empty string; numbers use `Value.format`.
    mutating func renderTexts(of action: RuleAction?, into slots: UnsafeMutablePointer<String>) -> RenderedTexts {
        let reason = action?.reason, message = action?.say
        let reasonBytes = initializePlaceholders(of: reason, at: slots)
        let messageSlots = slots + (reason?.placeholders ?? 0)
        let messageBytes = initializePlaceholders(of: message, at: messageSlots)
        return RenderedTexts(
            reason: reason, message: message, reasonSlots: slots, messageSlots: messageSlots, reasonBytes: reasonBytes,
            messageBytes: messageBytes)
    }

    /// Puts the text of each placeholder of `recipe` in a slot from `slots`
    /// on; returns the rendered length in bytes, or -1 without a recipe.
    private mutating func initializePlaceholders(of recipe: TextRecipe?, at slots: UnsafeMutablePointer<String>) -> Int {
        guard let recipe else { return -1 }
        var count = recipe.literalBytes
        var slot = slots
        for part in recipe.parts {
            let text: String
            switch part {
            case .literal: continue
            case .metadata(let field):
                text = if case .string(let text) = state.metadata[field] { text } else { Self.rendered(value(.metadata(slot: field))) }
            case .api(let api, .status): text = apiRecord(api)?.status ?? ""
            case .api(let api, let field): text = Self.rendered(value(.api(slot: api, field)))
            case .toolSummary: text = state.turn.toolSummary ?? ""
            case .signal(let signal): text = Self.rendered(value(.signal(signal)))
            }
            count += text.utf8.count
            slot.initialize(to: text)
            slot += 1
        }
        return count
    }

    static func rendered(_ value: Value?) -> String {
        switch value {
        case nil, .null?: ""
        case .number(let number)?: Value.format(number)
        case let other?: other.description
        }
    }
}

/// A winner's reason and message, sized, their placeholders' texts in
/// scratch slots (see `TurnRun.renderTexts`) until `release`.
struct RenderedTexts {
    let reason: TextRecipe?
    let message: TextRecipe?
    let reasonSlots: UnsafeMutablePointer<String>
    let messageSlots: UnsafeMutablePointer<String>
    /// Rendered lengths in bytes; -1 for a template the rule does not have.
    let reasonBytes: Int
    let messageBytes: Int

    /// Writes the reason's bytes, then the message's, at `destination`.
    func write(to destination: UnsafeMutableRawPointer) {
        Self.write(reason, slots: reasonSlots, to: destination)
        Self.write(message, slots: messageSlots, to: destination + max(reasonBytes, 0))
    }

    /// Ends the slots' use (they hold no strings between events).
    func release() {
        reasonSlots.deinitialize(count: (reason?.placeholders ?? 0) + (message?.placeholders ?? 0))
    }

    private static func write(_ recipe: TextRecipe?, slots: UnsafeMutablePointer<String>, to destination: UnsafeMutableRawPointer) {
        guard let recipe else { return }
        var written = 0
        var slot = slots
        for part in recipe.parts {
            if case .literal(let bytes) = part {
                if let base = bytes.baseAddress { (destination + written).copyMemory(from: base, byteCount: bytes.count) }
                written += bytes.count
            } else {
                slot.pointee.withUTF8 { bytes in
                    if let base = bytes.baseAddress { (destination + written).copyMemory(from: base, byteCount: bytes.count) }
                    written += bytes.count
                }
                slot += 1
            }
        }
    }
}
