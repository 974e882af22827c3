import Foundation

/// Benchmarks for Baton. Each subcommand prints its figures; the README
/// quotes them with the command that produced them.
let usage = """
usage: baton-bench <benchmark> [options]
  language [--rules 10000,100000] [--repeat 5] [--phases] [--default-malloc]
                                                 parse + check + lint throughput
  sentiment [options]                            sentiment scorer speed, floor and memory
  engine [--rules 10,100,1000] [--export DIR]    per-turn evaluation, state bytes, 1M-session memory
  engine-passes [--rules 10,100,1000]            one timed pass per rule count read from stdin (`N` or `N vader`)
  phrases [--matchers 60] [--words 30]           the phrase scan alone, per message and per byte
"""

let arguments = Array(CommandLine.arguments.dropFirst())
guard let benchmark = arguments.first else {
    print(usage)
    exit(2)
}
do {
    switch benchmark {
    case "language": try runLanguageBench(Array(arguments.dropFirst()))
    case "sentiment": try runSentimentBench(Array(arguments.dropFirst()))
    case "engine": try runEngineBench(Array(arguments.dropFirst()))
    case "engine-passes": try runEnginePasses(Array(arguments.dropFirst()))
    case "phrases": try runPhraseBench(Array(arguments.dropFirst()))
    default:
        FileHandle.standardError.write(Data("unknown benchmark `\(benchmark)`\n\(usage)\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
