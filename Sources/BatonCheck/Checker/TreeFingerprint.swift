/// A checked tree's identity in the lint's tables: its cached structural
/// hash and a digest of the whole tree (location aside, as `==` does).
///
/// At 100,000 rules the first occurrence of a repeated test lies far back
/// in the heap, and confirming a look-up against it missed the cache on
/// every node it compared; a fingerprint is 16 bytes in a dense array
/// instead. The two halves are computed differently: the structural hash
/// from each child's cached hash, the digest by streaming every case,
/// payload and child of the tree in order through a second hash with its
/// own constants (`DigestLane`). Two different trees that were not crafted
/// to collide share a fingerprint with a chance of about 2⁻¹²⁸. Only lint
/// warnings rest on it; the compiler still compares trees.
struct TreeFingerprint: Hashable {
    let hash: Int
    let digest: Int
}

extension CheckedExpr {
    /// Walks the whole tree: take it while the tree is still in cache.
    var fingerprint: TreeFingerprint {
        var digester = MixingHasher<DigestLane>()
        digester.combine(child: self)
        return TreeFingerprint(hash: structuralHash, digest: digester.value)
    }
}

/// Streams a whole tree: each child is walked in place of its cached hash.
/// Every case has a fixed number of children and lists carry their counts,
/// so the stream spells exactly one tree.
enum DigestLane: HashLane {
    static var seed: UInt64 { 0x2545_F491_4F6C_DD1D }
    static var multiplier: UInt64 { 0xD6E8_FEB8_6659_FD93 }
    static var shift: UInt64 { 32 }

    static func combine(child: CheckedExpr, into hasher: inout MixingHasher<Self>) {
        child.kind.combine(into: &hasher)
        hasher.combineCase(child.type)
    }
}
