public import ArgumentParser
import Foundation

/// The `baton` command line.
public struct BatonCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Escalation rules for AI shopping assistants: lint, format, test, simulate and explain them.",
        discussion: """
        Exit codes: 0 success, 1 errors found (or warnings with --strict, or
        files that need formatting with --check), 2 usage errors.
        """,
        subcommands: [LintCommand.self, FmtCommand.self, SimulateCommand.self, TestCommand.self, ExplainCommand.self, DiffCommand.self, GraphCommand.self, SentimentCommand.self]
    )

    public init() {}

    /// Runs the command line and exits with Baton's exit codes: usage
    /// errors are 2 rather than ArgumentParser's 64.
    public static func runMain(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            let code = batonExitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == 0 {
                    print(message)
                } else {
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                }
            }
            Foundation.exit(code)
        }
    }

    /// Baton's exit code for an error thrown by parsing or running a
    /// command: usage errors are 2 rather than ArgumentParser's 64.
    public static func batonExitCode(for error: any Error) -> Int32 {
        if let exit = error as? ExitCode { return exit.rawValue }
        let code = exitCode(for: error)
        return code == .validationFailure ? BatonExit.usage.rawValue : code.rawValue
    }
}

/// Baton's exit codes, as documented in `--help`.
enum BatonExit {
    static let success = ExitCode(0)
    static let failure = ExitCode(1)
    static let usage = ExitCode(2)
}

/// Whether to colour terminal output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    var enabled: Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}

extension DiagnosticOutputFormat: ExpressibleByArgument {}

/// Writes to standard output or error without going through `print`'s buffering twice.
enum Output {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
