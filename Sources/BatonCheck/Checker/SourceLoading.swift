public import BatonCore

/// How the checker reads imported files. The checker does no I/O itself;
/// the CLI and tests supply a loader.
public protocol SourceLoading: Sendable {
    /// The canonical path of `importPath` as written in `importer`.
    func resolve(_ importPath: String, from importer: String) -> String
    /// Reads a file; throws an error whose description says why not.
    func load(_ path: String) throws -> SourceFile
}

/// A loader over an in-memory map, for tests and embedded rule sets.
public struct InMemorySourceLoader: SourceLoading {
    public var files: [String: String]

    public init(files: [String: String]) {
        self.files = files
    }

    public func resolve(_ importPath: String, from importer: String) -> String {
        guard !importPath.hasPrefix("/"), let slash = importer.lastIndex(of: "/") else { return importPath }
        return String(importer[...slash]) + importPath
    }

    public func load(_ path: String) throws -> SourceFile {
        guard let text = files[path] else { throw MissingFile() }
        return SourceFile(path: path, text: text)
    }

    struct MissingFile: Error, CustomStringConvertible {
        var description: String { "no such file" }
    }
}
