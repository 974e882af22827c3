import Foundation

/// Compares `actual` with the golden file at `path`. With the environment
/// variable `RECORD_SNAPSHOTS=1` it rewrites the file and still reports a
/// failure, so recording is never silent. Returns a failure message or nil.
public func snapshotMismatch(_ actual: String, goldenPath path: String) -> String? {
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    let expected = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    if record {
        _ = FileManager.default.createFile(atPath: path, contents: Data(actual.utf8))
        return expected == actual ? nil : "recorded snapshot \(path); run again without RECORD_SNAPSHOTS"
    }
    guard let expected else {
        return "missing snapshot \(path); run with RECORD_SNAPSHOTS=1 to create it"
    }
    guard expected != actual else { return nil }
    return "snapshot \(path) differs:\n" + lineDiff(expected: expected, actual: actual)
}

/// A short line-by-line diff for failure messages.
public func lineDiff(expected: String, actual: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out = ""
    for index in 0..<max(old.count, new.count) {
        let a = index < old.count ? String(old[index]) : nil
        let b = index < new.count ? String(new[index]) : nil
        if a != b {
            if let a { out += "- \(a)\n" }
            if let b { out += "+ \(b)\n" }
        }
    }
    return out
}

/// The repository root, found from this file's location.
public func repositoryRoot(file: String = #filePath) -> String {
    var url = URL(fileURLWithPath: file)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            return url.path
        }
    }
    return FileManager.default.currentDirectoryPath
}
