import BatonCore
import Foundation

/// Finds and reads decision test files: `.yaml` and `.yml` files, folders
/// searched recursively (hidden entries skipped), in path order.
enum TestFiles {
    static func discover(_ paths: [String]) -> (files: [String], failures: [TranscriptFailure]) {
        var files: [String] = []
        var failures: [TranscriptFailure] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                failures.append(TranscriptFailure(path: path, diagnostics: [
                    TranscriptMessage.unreadable("no such file or folder").diagnostic(path: path, range: .empty),
                ]))
                continue
            }
            if isDirectory.boolValue {
                files += TranscriptFiles.filesUnder(path).filter {
                    TranscriptFiles.yamlExtensions.contains(($0 as NSString).pathExtension.lowercased())
                }
            } else {
                files.append(path)
            }
        }
        return (files, failures)
    }

    static func load(_ path: String, limits: TranscriptLimits = .default) -> Result<TestFile, TranscriptFailure> {
        switch TranscriptFiles.read(path, limits: limits) {
        case .failure(let failure): .failure(failure)
        case .success(let source): TestFileDecoder.decode(source, limits: limits)
        }
    }
}
