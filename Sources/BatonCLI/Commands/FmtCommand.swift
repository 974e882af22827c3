import Baton
import ArgumentParser
import BatonCore
import BatonLanguage
import Foundation

/// `baton fmt PATH...`
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite rule files in the canonical layout, keeping comments.",
        discussion: """
        Files with syntax errors are reported and left untouched. `-` reads
        standard input and writes the result to standard output.

        Exit codes: 0 done (or nothing to change with --check), 1 files with
        errors or, with --check, files that would change, 2 usage.
        """
    )

    @Argument(help: "Rule files or folders, or `-` for standard input.")
    var paths: [String] = []

    @Flag(name: .long, help: "Write nothing; list files that would change and exit 1 if any.")
    var check = false

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one rule file or folder, or `-`") }
        if paths.contains("-"), paths.count > 1 { throw ValidationError("`-` cannot be combined with other paths") }
    }

    func run() throws {
        let formatter = DiagnosticFormatter(colorize: color.enabled)
        if paths == ["-"] {
            let source = RuleFiles.readStandardInput()
            switch Formatter.format(source: source) {
            case .formatted(let text):
                if check {
                    if text != String(decoding: source.bytes, as: UTF8.self) {
                        Output.out("<stdin>\n")
                        throw BatonExit.failure
                    }
                } else {
                    Output.out(text)
                }
            case .failed(let diagnostics):
                for diagnostic in diagnostics { Output.err(formatter.format(diagnostic, source: source)) }
                throw BatonExit.failure
            }
            return
        }

        var failed = false
        var changed: [String] = []
        for path in Self.files(paths, failed: &failed, formatter: formatter) {
            let source: SourceFile
            do { source = try RuleFiles.read(path) } catch {
                Output.err(formatter.format(error.diagnostic, source: nil))
                failed = true
                continue
            }
            switch Formatter.format(source: source) {
            case .formatted(let text):
                guard Array(text.utf8) != source.bytes else { continue }
                if !check, !Self.replaceAtomically(path, with: text) {
                    Output.err("\(path): error: cannot write the formatted file\n")
                    failed = true
                    continue
                }
                changed.append(path)
            case .failed(let diagnostics):
                for diagnostic in diagnostics { Output.err(formatter.format(diagnostic, source: source)) }
                failed = true
            }
        }
        if check {
            for path in changed { Output.out(path + "\n") }
        } else if !changed.isEmpty {
            Output.err("formatted \(changed.count) file\(changed.count == 1 ? "" : "s")\n")
        }
        if failed || (check && !changed.isEmpty) { throw BatonExit.failure }
    }

    /// Writes beside the file and renames over it, so a crash never leaves
    /// half a file; keeps the original's permissions.
    static func replaceAtomically(_ path: String, with text: String) -> Bool {
        let temporary = path + ".baton-fmt.tmp"
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else { return false }
        if let permissions = attributes?[.posixPermissions] {
            try? FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary)
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            return false
        }
        return true
    }

    /// Files named directly, and the `.baton` files under folders.
    static func files(_ paths: [String], failed: inout Bool, formatter: DiagnosticFormatter) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                Output.err("\(path): error: no such file or folder\n")
                failed = true
                continue
            }
            if isDirectory.boolValue {
                files.append(contentsOf: RuleFiles.batonFiles(under: path))
            } else {
                files.append(path)
            }
        }
        return files
    }
}
