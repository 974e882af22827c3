import BatonCheck
import BatonCore
import BatonLanguage
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `baton-bench language [--rules N,M] [--repeat K] [--phases] [--dump DIR] [--default-malloc]`:
/// parse + check + lint of generated files, reported as MB/s and as the cost
/// ratio between sizes. `--phases` also times parsing, checking and linting
/// on their own. `--dump` also writes every diagnostic of each size (lint
/// warnings uncapped) to `DIR/<rules>.txt`, next to the file itself, so
/// optimisations can be checked for unchanged output with `diff`.
/// `--default-malloc` leaves glibc's heap trimming on (see `keepHeapBetweenRuns`).
func runLanguageBench(_ arguments: [String]) throws {
    var sizes = [10_000, 100_000]
    var repeats = 5
    var dumpDirectory: String?
    var phases = false
    var keepHeap = true
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--rules":
            index += 1
            sizes = arguments[index].split(separator: ",").compactMap { Int($0) }
        case "--repeat":
            index += 1
            repeats = Int(arguments[index]) ?? repeats
        case "--phases":
            phases = true
        case "--default-malloc":
            keepHeap = false
        case "--dump":
            index += 1
            dumpDirectory = arguments[index]
        default:
            throw BenchError.usage("unknown option \(arguments[index])")
        }
        index += 1
    }
    if keepHeap { keepHeapBetweenRuns() }
    print("parse + check + lint of generated rule files (median of \(repeats) runs, sizes interleaved, "
          + (keepHeap ? "heap kept between runs)" : "glibc's default heap trimming)"))
    let sources = sizes.map { size in
        var generator = RuleGenerator(seed: 42)
        return SourceFile(path: "generated.baton", text: generator.file(rules: size))
    }
    // Round by round, every size once per round, so a change in the
    // machine's speed during the run moves all sizes alike and the cost
    // ratio stays fair.
    var times = [[Double]](repeating: [], count: sizes.count)
    var diagnostics = [Int](repeating: 0, count: sizes.count)
    for _ in 0..<repeats {
        for (slot, source) in sources.enumerated() {
            let clock = ContinuousClock()
            let start = clock.now
            let result = Checker.check([source])
            let elapsed = clock.now - start
            times[slot].append(elapsed.seconds)
            diagnostics[slot] = result.diagnostics.count
            if result.hasErrors {
                let first = result.diagnostics.first { $0.severity == .error }
                throw BenchError.usage("generated file has errors: \(first.map { DiagnosticFormatter().format($0, source: source) } ?? "")")
            }
        }
    }
    print("rules     bytes        median ms   MB/s    first ms   diagnostics")
    var results: [(rules: Int, seconds: Double)] = []
    for (slot, size) in sizes.enumerated() {
        let source = sources[slot]
        if let dumpDirectory {
            try Data(source.bytes).write(to: URL(fileURLWithPath: "\(dumpDirectory)/\(size).baton"))
            try dumpDiagnostics(of: source, to: "\(dumpDirectory)/\(size).txt")
        }
        let median = times[slot].sorted()[times[slot].count / 2]
        let megabytes = Double(source.bytes.count) / 1_000_000
        results.append((size, median))
        // The first run also pays for the fresh memory the later ones reuse.
        print(String(format: "%-9d %-12d %-11.1f %-7.1f %-10.1f %d", size, source.bytes.count, median * 1000,
                     megabytes / median, times[slot][0] * 1000, diagnostics[slot]))
        if phases { try printPhases(of: source, repeats: repeats) }
    }
    if results.count >= 2 {
        let first = results[0]
        let last = results[results.count - 1]
        let ratio = last.seconds / first.seconds
        print(String(format: "cost ratio %d / %d rules: %.2f (size ratio %.0f)", last.rules, first.rules, ratio, Double(last.rules) / Double(first.rules)))
        // Each round's two runs are seconds apart, so their ratio is the one a drift moves least.
        let paired = zip(times[times.count - 1], times[0]).map { $0 / $1 }.sorted()
        print(String(format: "  paired round by round: median %.2f (%.2f–%.2f over %d rounds)",
                     paired[paired.count / 2], paired[0], paired[paired.count - 1], paired.count))
    }
}

/// Keeps freed memory in the process, so every timed run after the first
/// reuses pages it has touched before, whatever the size. By default glibc
/// hands the heap back to the kernel once a large set is freed and serves
/// big arrays from fresh mappings, so each 100,000-rule run page-faulted
/// its ~500 MB anew while 10,000-rule runs reused theirs: the ratio compared
/// a cold heap with a warm one. Only the benchmark does this (the `first ms`
/// column still shows a cold run); the library and the CLI leave malloc alone.
private func keepHeapBetweenRuns() {
    #if canImport(Glibc)
    // `mallopt` lives in <malloc.h>, which the Glibc module does not import.
    typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
    let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
    _ = mallopt(trimThreshold, .max)
    // glibc's largest allowed threshold (32 MB on 64-bit); larger requests are still mapped.
    _ = mallopt(mmapThreshold, 32 << 20)
    #endif
}

/// Median times of the phases on their own: parsing, checking without lint
/// (which includes parsing), and linting the checked set as the checker
/// does (warnings past the first 200 placed, not worded), with the lint's
/// shared set-up and each of its rules apart.
private func printPhases(of source: SourceFile, repeats: Int) throws {
    let clock = ContinuousClock()
    // Results are freed after the clock stops, as in the main measurement.
    func median<Result>(_ body: () -> Result) -> Double {
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = clock.now
            let result = body()
            times.append((clock.now - start).seconds)
            withExtendedLifetime(result) {}
        }
        return times.sorted()[times.count / 2] * 1000
    }
    let parse = median { Parser.parse(source) }
    let check = median { Checker.check([source], lint: false) }
    guard let ruleSet = Checker.check([source], lint: false).ruleSet else { return }
    // As the checker lints: only the warnings it keeps are worded.
    let lint = median { Linter.lint(ruleSet, context: LintContext(ruleSet), limit: DiagnosticBag.defaultLimit) }
    print(String(format: "  phases: parse %.1f ms, check %.1f ms (without parse), lint %.1f ms", parse, check - parse, lint))
    let context = LintContext(ruleSet)
    var parts = [String(format: "context %.1f", median { LintContext(ruleSet) })]
    for rule in Linter.rules {
        parts.append(String(format: "%@ %.1f", rule.name, median { rule.init().findingCount(context) }))
    }
    print("  lint ms: " + parts.joined(separator: ", "))
}

/// Every diagnostic of a checked file, fully spelled out: the checker's
/// (capped) list, then all lint warnings without the cap.
private func dumpDiagnostics(of source: SourceFile, to path: String) throws {
    let result = Checker.check([source])
    var lines = result.diagnostics.map { String(reflecting: $0) }
    if let ruleSet = Checker.check([source], lint: false).ruleSet {
        lines.append("-- all lint warnings")
        lines += Linter.lint(ruleSet).map { String(reflecting: $0) }
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
}

enum BenchError: Error, CustomStringConvertible {
    case usage(String)

    var description: String {
        switch self {
        case .usage(let message): message
        }
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
