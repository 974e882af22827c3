"""Runs the policy that `baton-bench engine --export DIR` generated through
GoRules zen-engine (one decision table, hit policy "collect"), CEL (Rust,
the `common-expression-language` package: one compiled program per rule)
and a plain Python function indexed by intent, over the same events, and
prints their median per-turn evaluation beside Baton's (read from the
bench's --json output).

The Python function is the yardstick the issue quotes (0.35 / 0.52 / 1.8
µs at 10 / 100 / 1,000 rules on its machine). This machine's speed swings
from one second to the next with the host's load, so with --paired the
function is timed around each of many single passes of Baton's bench and
Baton's time is reported over it: a ratio that holds where the times do
not, and which, times the issue's figure, gives Baton's time at the speed
of the issue's machine. The function picks the same winner as CEL on every
turn (checked; a difference is reported).

Windows, API error counts and sentiment are computed in Python before the
timer starts (these engines are stateless), with the same constant-time
stand-in scorer Baton's "sentiment excluded" figure uses. Only evaluation
is timed, in process, with time.perf_counter_ns: for zen-engine the
`evaluate` call (which converts the request itself), for CEL building the
turn's `cel.Context` once and running every program against it.

usage: compare.py [--paired BATON_BENCH] EXPORT_DIR RULE_COUNTS(10,100,1000) [TURNS]
"""
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict, deque


def score(text):
    # Baton's LengthScorer: (UTF-8 length % 200) / 100 - 1.
    return (len(text.encode()) % 200) / 100 - 1


def contexts(events, limit):
    """One context per customer turn, with the bot's API results of that turn folded in."""
    sessions = defaultdict(lambda: {"sent": deque(maxlen=3), "errors": deque(maxlen=5), "meta": {}})
    turns = []
    current = None
    for event in events:
        state = sessions[event["session_id"]]
        if event["role"] == "customer":
            if current is not None:
                turns.append(current)
                if len(turns) >= limit:
                    break
            state["sent"].append(score(event.get("text") or ""))
            state["meta"].update(event.get("metadata") or {})
            intents = event.get("intents") or []
            top = max(intents, key=lambda i: i.get("confidence", 1)) if intents else None
            state["errors"].append(0)
            meta = state["meta"]
            current = {
                "intent": top["name"] if top else "",
                "confidence": float(top.get("confidence", 1)) if top else -1.0,
                "avg3": sum(state["sent"]) / len(state["sent"]),
                "message": (event.get("text") or "").lower(),
                "cart_value": float(meta.get("cart_value", -1)),
                "items": float(meta.get("items", -1)),
                "tier": str(meta.get("tier", "")),
                "status": {},
                "errors5": 0,
                "_state": state,
            }
        elif current is not None:
            for result in event.get("api_results") or []:
                current["status"][result["api"]] = result.get("status") or ""
                if 500 <= (result.get("http_status") or 0) < 600:
                    state["errors"][-1] = 1
            current["errors5"] = sum(state["errors"])
    for turn in turns:
        turn.pop("_state", None)
    return turns


def policy_tests(rule):
    """A rule's tests beyond its intents, as (kind, arguments), read once for
    every engine that writes them in its own syntax."""
    if rule.get("min_confidence") is not None:
        yield "at_least", ("confidence", float(rule["min_confidence"]))
    if rule.get("max_avg_sentiment3") is not None:
        yield "at_most", ("avg3", float(rule["max_avg_sentiment3"]))
    if rule.get("api_status"):
        yield "status_or_errors", (rule["api"], rule["api_status"], rule.get("min_api_errors5") or 2)
    elif rule.get("min_api_errors5"):
        yield "at_least", ("errors5", rule["min_api_errors5"])
    if rule.get("metadata_min") is not None:
        yield "at_least", (rule["metadata_field"], float(rule["metadata_min"]))
    if rule.get("tiers"):
        yield "one_of", ("tier", rule["tiers"])
    if rule.get("phrase"):
        yield "contains", (rule["phrase"],)


CEL = {
    "at_least": lambda field, value: f"{field} >= {value}",
    "at_most": lambda field, value: f"{field} <= {value}",
    "status_or_errors": lambda api, status, errors: f"((has(status.{api}) && status.{api} == '{status}') || errors5 >= {errors})",
    "one_of": lambda field, values: f"{field} in [" + ", ".join(f"'{v}'" for v in values) + "]",
    "contains": lambda phrase: f"message.contains('{phrase}')",
}

PYTHON = {
    "at_least": lambda field, value: f"{field} >= {value!r}",
    "at_most": lambda field, value: f"{field} <= {value!r}",
    "status_or_errors": lambda api, status, errors: f"(status.get({api!r}) == {status!r} or errors5 >= {errors})",
    "one_of": lambda field, values: f"{field} in {tuple(values)!r}",
    "contains": lambda phrase: f"{phrase!r} in message",
}


def cel_expression(rule):
    parts = [CEL["one_of"]("intent", rule["intents"])] if rule.get("intents") else []
    parts += [CEL[kind](*arguments) for kind, arguments in policy_tests(rule)]
    return " && ".join(parts) or "true"


def run_cel(policy, turns):
    import cel
    programs = [(rule, cel.compile(cel_expression(rule))) for rule in policy]
    rank = {"escalate": 2, "offer_handoff": 1, "continue": 0}
    times = []
    winners = []
    for context in turns:
        start = time.perf_counter_ns()
        # One context per turn, as a caller would build it: handing the dict
        # to every program makes the binding convert it again for each one.
        variables = cel.Context()
        for name, value in context.items():
            variables.add_variable(name, value)
        best = None
        for rule, program in programs:
            if program.execute(variables) is True:
                key = (rank[rule["outcome"]], rule["priority"])
                if best is None or key > best[0]:
                    best = (key, rule["name"])
        times.append(time.perf_counter_ns() - start)
        winners.append(best[1] if best else None)
    return statistics.median(times) / 1000, winners


def python_condition(rule):
    """A rule's condition without its intent test (the index does that), as Python over the turn's locals."""
    return " and ".join(PYTHON[kind](*arguments) for kind, arguments in policy_tests(rule)) or "True"


def python_functions(policy):
    """One plain function per intent, over that intent's rules and the
    intent-free ones, and one for turns of any other intent: each tests
    every rule it holds, in conflict order (outcome, then priority, then
    policy order), and returns the winner and the rules that fired."""
    rank = {"escalate": 2, "offer_handoff": 1, "continue": 0}
    order = sorted(range(len(policy)), key=lambda i: (-rank[policy[i]["outcome"]], -policy[i]["priority"], i))
    intents = sorted({intent for rule in policy for intent in rule.get("intents") or []})

    def source(name, intent):
        lines = [f"def {name}(c):",
                 "    confidence = c['confidence']; avg3 = c['avg3']; errors5 = c['errors5']; status = c['status']",
                 "    cart_value = c['cart_value']; items = c['items']; tier = c['tier']; message = c['message']",
                 "    fired = []"]
        for index in order:
            rule = policy[index]
            if rule.get("intents") and intent not in rule["intents"]:
                continue
            lines.append(f"    if {python_condition(rule)}: fired.append({rule['name']!r})")
        lines.append("    return (fired[0] if fired else None), fired")
        return "\n".join(lines)

    namespace = {}
    for number, intent in enumerate(intents):
        exec(source(f"intent_{number}", intent), namespace)
    exec(source("other", None), namespace)
    return {intent: namespace[f"intent_{number}"] for number, intent in enumerate(intents)}, namespace["other"]


def run_python(policy, turns):
    by_intent, other = python_functions(policy)
    times = []
    winners = []
    for context in turns:
        start = time.perf_counter_ns()
        winner, fired = by_intent.get(context["intent"], other)(context)
        times.append(time.perf_counter_ns() - start)
        winners.append(winner)
    return statistics.median(times) / 1000, winners


def zen_table(policy):
    inputs = [
        ("intent", "intent"), ("confidence", "confidence"), ("avg3", "avg3"), ("errors5", "errors5"),
        ("cart_value", "cart_value"), ("items", "items"), ("tier", "tier"), ("message", "message"),
        ("status", "status_hit"),
    ]
    rows = []
    for rule in policy:
        base = {"_id": rule["name"], "out_rule": json.dumps(rule["name"]), "out_outcome": json.dumps(rule["outcome"]),
                "out_priority": str(rule["priority"])}
        cells = {}
        if rule.get("intents"):
            cells["in_intent"] = ", ".join(json.dumps(i) for i in rule["intents"])
        if rule.get("min_confidence") is not None:
            cells["in_confidence"] = f">= {rule['min_confidence']}"
        if rule.get("max_avg_sentiment3") is not None:
            cells["in_avg3"] = f"<= {rule['max_avg_sentiment3']}"
        if rule.get("metadata_min") is not None:
            cells["in_" + rule["metadata_field"]] = f">= {rule['metadata_min']}"
        if rule.get("tiers"):
            cells["in_tier"] = ", ".join(json.dumps(t) for t in rule["tiers"])
        if rule.get("phrase"):
            cells["in_message"] = f"contains($, {json.dumps(rule['phrase'])})"
        variants = [cells]
        if rule.get("api_status"):
            # An `or` is two rows of a decision table.
            variants = [dict(cells, in_status=f"contains($, {json.dumps(rule['api'] + '=' + rule['api_status'])})"),
                        dict(cells, in_errors5=f">= {rule.get('min_api_errors5') or 2}")]
        elif rule.get("min_api_errors5"):
            variants = [dict(cells, in_errors5=f">= {rule['min_api_errors5']}")]
        for number, variant in enumerate(variants):
            row = dict(base, **variant)
            row["_id"] = f"{rule['name']}-{number}"
            rows.append(row)
    return {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 0}},
            {"id": "table", "type": "decisionTableNode", "name": "rules", "position": {"x": 200, "y": 0},
             "content": {
                 "hitPolicy": "collect",
                 "inputs": [{"id": "in_" + name, "name": name, "field": field} for name, field in inputs],
                 "outputs": [{"id": "out_rule", "name": "rule", "field": "rule"},
                             {"id": "out_outcome", "name": "outcome", "field": "outcome"},
                             {"id": "out_priority", "name": "priority", "field": "priority"}],
                 "rules": rows,
             }},
            {"id": "out", "type": "outputNode", "name": "response", "position": {"x": 400, "y": 0}},
        ],
        "edges": [{"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
                  {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"}],
    }


def run_zen(policy, turns):
    import zen
    engine = zen.ZenEngine()
    decision = engine.create_decision(json.dumps(zen_table(policy)))
    times = []
    own = []
    for context in turns:
        request = dict(context)
        request["status_hit"] = " ".join(f"{api}={status}" for api, status in context["status"].items())
        start = time.perf_counter_ns()
        result = decision.evaluate(request)
        times.append(time.perf_counter_ns() - start)
        text = str(result.get("performance", ""))
        if text.endswith("µs"):
            own.append(float(text[:-2]))
        elif text.endswith("ms"):
            own.append(float(text[:-2]) * 1000)
    return statistics.median(times) / 1000, (statistics.median(own) if own else float("nan"))


# The issue's figures for the plain Python function on its machine, µs.
ISSUE_PYTHON = {10: 0.35, 100: 0.52, 1000: 1.8}


def load(folder, limit):
    with open(f"{folder}/events.json") as handle:
        turns = contexts(json.load(handle), limit)
    policies = {}
    for name in os.listdir(folder):
        if name.startswith("policy-") and name.endswith(".json"):
            with open(f"{folder}/{name}") as handle:
                policies[int(name[len("policy-"):-len(".json")])] = json.load(handle)
    return turns, policies


def paired(bench, counts, policies, turns, rounds):
    """Baton against the plain Python function, interleaved: for each round
    and rule count, the function's median over the turns, one pass of
    Baton's bench (`baton-bench engine-passes`) per event, the function
    again, one pass timing whole turns with VADER, and the function a third
    time, so each pass is bracketed within about a tenth of a second.
    Returns per count and per measure ("event", "vader") the medians over
    rounds of Baton's time, the function's, and Baton's over the
    function's (the geometric mean of the two readings around the pass),
    with that ratio's range."""
    process = subprocess.Popen([bench, "engine-passes", "--rules", ",".join(map(str, counts))],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    if process.stdout.readline().strip() != "ready":
        raise RuntimeError("baton-bench engine-passes did not start")

    def baton(request):
        process.stdin.write(request + "\n")
        process.stdin.flush()
        reply = process.stdout.readline()
        try:
            return float(reply)
        except ValueError:
            raise RuntimeError(f"baton-bench engine-passes answered {reply.strip()!r} to {request!r}") from None

    rows = {(count, measure): [] for count in counts for measure in ("event", "vader")}
    try:
        for _ in range(rounds):
            for count in counts:
                before = run_python(policies[count], turns)[0]
                for measure, request in (("event", f"{count}"), ("vader", f"{count} vader")):
                    measured = baton(request)
                    after = run_python(policies[count], turns)[0]
                    python = (before * after) ** 0.5
                    rows[(count, measure)].append((measured, python, measured / python))
                    before = after
    finally:
        process.stdin.close()
        process.wait()
    summary = {}
    for key, values in rows.items():
        ratios = sorted(ratio for _, _, ratio in values)
        summary[key] = (statistics.median(b for b, _, _ in values), statistics.median(p for _, p, _ in values),
                        statistics.median(ratios), ratios[0], ratios[-1])
    return summary


def main():
    arguments = sys.argv[1:]
    bench = None
    if arguments[:1] == ["--paired"]:
        bench = arguments[1]
        arguments = arguments[2:]
    folder = arguments[0]
    counts = [int(c) for c in arguments[1].split(",")]
    limit = int(arguments[2]) if len(arguments) > 2 else 5000
    turns, policies = load(folder, limit)
    baton = {}
    try:
        with open(f"{folder}/baton.json") as handle:
            for row in json.load(handle):
                if "rules" in row:
                    baton[int(row["rules"])] = row
    except FileNotFoundError:
        pass
    print(f"median µs per turn over {len(turns)} turns (sentiment excluded; Python-side features not timed)")
    print(f"{'rules':>6} {'baton turn':>11} {'baton event':>12} {'python fn':>10} {'zen (ours)':>11} {'zen (own)':>10} {'CEL/rust':>9}")
    for count in counts:
        policy = policies[count]
        python_median, python_winners = run_python(policy, turns)
        try:
            zen_ours, zen_own = run_zen(policy, turns)
        except Exception as error:  # report and go on: one engine failing must not hide the others
            print(f"zen-engine failed: {error}", file=sys.stderr)
            zen_ours = zen_own = float("nan")
        try:
            cel_median, cel_winners = run_cel(policy, turns)
            differ = sum(a != b for a, b in zip(cel_winners, python_winners))
            if differ:
                print(f"the Python function and CEL pick different winners on {differ} turns at {count} rules", file=sys.stderr)
        except Exception as error:
            print(f"CEL failed: {error}", file=sys.stderr)
            cel_median = float("nan")
        row = baton.get(count, {})
        turn = row.get("customer_us", float("nan")) + row.get("bot_us", float("nan"))
        print(f"{count:>6} {turn:>11.3f} {row.get('per_event_us', float('nan')):>12.3f} {python_median:>10.2f}"
              f" {zen_ours:>11.1f} {zen_own:>10.1f} {cel_median:>9.1f}")
    if bench is None:
        return
    rounds = 30
    print()
    print(f"Baton against the plain Python function, interleaved ({rounds} rounds, medians; the issue quotes")
    print("the function at 0.35 / 0.52 / 1.8 µs on its machine; at its speed = ratio × the issue's figure):")
    try:
        summary = paired(bench, counts, policies, turns, rounds)
    except (RuntimeError, OSError) as error:
        sys.exit(f"paired timing failed: {error}")
    for measure, title in (("event", "per event, sentiment excluded"), ("vader", "whole turn with VADER (customer + bot event)")):
        print(f"  {title}:")
        for count in counts:
            event, python, ratio, low, high = summary[(count, measure)]
            line = f"{count:>8} rules: Baton {event:.3f} µs, function {python:.2f} µs, ratio {ratio:.3f} [{low:.3f}–{high:.3f}]"
            if count in ISSUE_PYTHON:
                line += f", at the issue's speed {ratio * ISSUE_PYTHON[count]:.3f} µs"
            print(line)


if __name__ == "__main__":
    main()
