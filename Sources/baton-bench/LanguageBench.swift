import BatonCheck
import BatonCore
import Foundation

/// `baton-bench language [--rules N,M] [--repeat K]`: parse + check + lint
/// of generated files, reported as MB/s and as the cost ratio between sizes.
func runLanguageBench(_ arguments: [String]) throws {
    var sizes = [10_000, 100_000]
    var repeats = 5
    var index = 0
    while index < arguments.count {
        switch arguments[index] {
        case "--rules":
            index += 1
            sizes = arguments[index].split(separator: ",").compactMap { Int($0) }
        case "--repeat":
            index += 1
            repeats = Int(arguments[index]) ?? repeats
        default:
            throw BenchError.usage("unknown option \(arguments[index])")
        }
        index += 1
    }
    print("parse + check + lint of generated rule files (median of \(repeats) runs)")
    print("rules     bytes        median ms   MB/s    diagnostics")
    var results: [(rules: Int, seconds: Double)] = []
    for size in sizes {
        var generator = RuleGenerator(seed: 42)
        let text = generator.file(rules: size)
        let source = SourceFile(path: "generated.baton", text: text)
        var times: [Double] = []
        var diagnostics = 0
        for _ in 0..<repeats {
            let clock = ContinuousClock()
            let start = clock.now
            let result = Checker.check([source])
            let elapsed = clock.now - start
            times.append(elapsed.seconds)
            diagnostics = result.diagnostics.count
            if result.hasErrors {
                let first = result.diagnostics.first { $0.severity == .error }
                throw BenchError.usage("generated file has errors: \(first.map { DiagnosticFormatter().format($0, source: source) } ?? "")")
            }
        }
        let median = times.sorted()[times.count / 2]
        let megabytes = Double(source.bytes.count) / 1_000_000
        results.append((size, median))
        print(String(format: "%-9d %-12d %-11.1f %-7.1f %d", size, source.bytes.count, median * 1000, megabytes / median, diagnostics))
    }
    if results.count >= 2 {
        let first = results[0]
        let last = results[results.count - 1]
        let ratio = last.seconds / first.seconds
        print(String(format: "cost ratio %d / %d rules: %.2f (size ratio %.0f)", last.rules, first.rules, ratio, Double(last.rules) / Double(first.rules)))
    }
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
