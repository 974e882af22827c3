import BatonCore
import Foundation

/// Finds transcript files and reads them.
///
/// A folder contributes every `.yaml`, `.yml`, `.jsonl` and `.ndjson` file
/// under it (recursively, skipping hidden entries), sorted by path; a file
/// named on its own is read whatever its extension: as JSON Lines when it
/// ends in `.jsonl` or `.ndjson`, otherwise as YAML (which also reads JSON).
enum TranscriptFiles {
    static let yamlExtensions: Set<String> = ["yaml", "yml"]
    static let jsonLinesExtensions: Set<String> = ["jsonl", "ndjson"]

    /// The transcript files under `paths`, and failures for paths that do not exist.
    static func discover(_ paths: [String]) -> (files: [String], failures: [TranscriptFailure]) {
        var files: [String] = []
        var failures: [TranscriptFailure] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                failures.append(failure(path, .unreadable("no such file or folder")))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = filesUnder(path)
            if found.isEmpty {
                failures.append(failure(path, .unreadable("no `.yaml`, `.yml` or `.jsonl` files in this folder")))
            }
            files += found
        }
        return (files, failures)
    }

    /// Every transcript file under a folder, sorted, skipping hidden entries.
    static func filesUnder(_ folder: String) -> [String] {
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let ext = (relative as NSString).pathExtension.lowercased()
            if yamlExtensions.contains(ext) || jsonLinesExtensions.contains(ext) { files.append(base + "/" + relative) }
        }
        return files.sorted()
    }

    /// Reads and decodes one file.
    static func load(_ path: String, limits: TranscriptLimits = .default) -> TranscriptFileResult {
        let source: SourceFile
        switch read(path, limits: limits) {
        case .success(let file): source = file
        case .failure(let failure): return .failed(failure)
        }
        return decode(source, limits: limits)
    }

    /// Decodes text already in memory, choosing the format by the path's extension.
    static func decode(_ source: SourceFile, limits: TranscriptLimits = .default) -> TranscriptFileResult {
        let ext = (source.path as NSString).pathExtension.lowercased()
        if jsonLinesExtensions.contains(ext) { return JSONLTranscriptDecoder.decode(source, limits: limits) }
        return YAMLTranscriptDecoder.decode(source, limits: limits)
    }

    static func read(_ path: String, limits: TranscriptLimits) -> Result<SourceFile, TranscriptFailure> {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > limits.maxFileBytes {
            return .failure(failure(path, .tooLarge(limit: limits.maxFileBytes)))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(failure(path, .unreadable("cannot read the file")))
        }
        return .success(SourceFile(path: path, bytes: [UInt8](data)))
    }

    /// The file name without folder or extension: the default session id.
    static func stem(of path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    private static func failure(_ path: String, _ message: TranscriptMessage) -> TranscriptFailure {
        TranscriptFailure(path: path, diagnostics: [message.diagnostic(path: path, range: .empty)], source: nil)
    }
}
