public import BatonCheck
public import BatonCore
import Foundation

/// Finds rule files and reads them. A folder is one rule set (its `.baton`
/// files, recursively, sorted by path); a file named on its own is a set of
/// its own, together with whatever it imports.
public enum RuleFiles {
    public struct Set: Sendable {
        public var name: String
        public var sources: [SourceFile]
    }

    /// A path that could not be used; reported as a diagnostic with no range.
    public struct Problem: Error, Sendable {
        public var path: String
        public var message: String
    }

    public static let fileExtension = "baton"
    /// Files larger than this are refused rather than read into memory.
    public static let maxFileSize = 64 * 1024 * 1024

    /// The rule sets under `paths`, and the paths that could not be read.
    public static func discover(_ paths: [String]) -> (sets: [Set], problems: [Problem]) {
        var sets: [Set] = []
        var problems: [Problem] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Problem(path: path, message: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                let files = batonFiles(under: path)
                if files.isEmpty {
                    problems.append(Problem(path: path, message: "no `.\(fileExtension)` files in this folder"))
                    continue
                }
                var sources: [SourceFile] = []
                for file in files {
                    do { sources.append(try read(file)) } catch { problems.append(error) }
                }
                sets.append(Set(name: path, sources: sources))
            } else {
                do { sets.append(Set(name: path, sources: [try read(path)])) } catch { problems.append(error) }
            }
        }
        return (sets, problems)
    }

    /// Every `.baton` file under a folder, sorted, skipping hidden entries.
    public static func batonFiles(under folder: String) -> [String] {
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            if relative.hasSuffix(".\(fileExtension)") { files.append(base + "/" + relative) }
        }
        return files.sorted()
    }

    public static func read(_ path: String) throws(Problem) -> SourceFile {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maxFileSize {
            throw Problem(path: path, message: "file is larger than \(maxFileSize / 1024 / 1024) MB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(path: path, message: "cannot read the file")
        }
        return SourceFile(path: path, bytes: [UInt8](data))
    }

    public static func readStandardInput() -> SourceFile {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return SourceFile(path: "<stdin>", bytes: [UInt8](data))
    }
}

extension RuleFiles.Problem {
    public var diagnostic: Diagnostic {
        Diagnostic(code: "E0001", severity: .error, message: message, path: path, range: .empty)
    }
}

/// Reads imports from disk, relative to the importing file.
public struct FileSourceLoader: SourceLoading {
    public init() {}

    public func resolve(_ importPath: String, from importer: String) -> String {
        if importPath.hasPrefix("/") { return Self.normalize(importPath) }
        let folder = (importer as NSString).deletingLastPathComponent
        return Self.normalize(folder.isEmpty ? importPath : folder + "/" + importPath)
    }

    public func load(_ path: String) throws -> SourceFile {
        do { return try RuleFiles.read(path) } catch { throw LoadError(message: error.message) }
    }

    /// `rules/./a/../schema.baton` → `rules/schema.baton`, so one file is loaded once.
    public static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(part)
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    struct LoadError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
