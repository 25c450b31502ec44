#!/usr/bin/env python3
"""Turns the raw wrk output of benchmarks/load.sh into the markdown tables of BENCHMARKS.md.

    load_report.py RAW_DIR "MODES" "SERVERS" RUNS WARMUP DURATION CONNECTIONS JAVA_VERSION
"""
import os
import re
import statistics
import sys

LABELS = {
    "cyclone-plain": "Cyclone, plain handler",
    "cyclone-completed": "Cyclone, @Coroutine, completed future",
    "cyclone-moment": "Cyclone, @Coroutine, awaits Gen.moment()",
    "netty": "Netty 4.2.18, example style",
    "vertx": "Vert.x 5.0.7 core",
    "tornado": "Tornado 6 (Python)",
}
SHORT = {"cyclone-plain": "Cyclone plain", "netty": "Netty", "vertx": "Vert.x", "tornado": "Tornado"}
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def millis(text):
    m = re.match(r"([\d.]+)(us|ms|s)$", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def parse(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = millis(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    p99 = millis(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(g) for g in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        errors += int(m.group(1))
    return rps, p50, p99, errors


def response_bytes(raw, mode, name):
    path = os.path.join(raw, f"{mode}-{name}.headers")
    if not os.path.exists(path):
        return None
    return len(open(path, "rb").read()) + len(b"Hello, World!")


def main():
    raw, modes, servers, runs = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), int(sys.argv[4])
    warmup, duration, connections, java = sys.argv[5:9]
    print("# Load comparison\n")
    start = open(os.path.join(raw, "uptime-start.txt")).read().strip()
    end = open(os.path.join(raw, "uptime-end.txt")).read().strip()
    print(f"wrk, {connections} connections, {warmup} s warm-up then {runs} runs of {duration} s per server;"
          f" medians of the runs. Java servers on `{java}`.  ")
    print(f"Load average at start: `{start}`; at end: `{end}`.\n")
    for mode in modes:
        results = {}
        for name in servers:
            files = [os.path.join(raw, f"{mode}-{name}.run{i}.txt") for i in range(1, runs + 1)]
            if not all(os.path.exists(f) for f in files):
                continue
            parsed = [parse(f) for f in files]
            results[name] = {
                "rps": statistics.median(p[0] for p in parsed),
                "min": min(p[0] for p in parsed),
                "max": max(p[0] for p in parsed),
                "p50": statistics.median(p[1] for p in parsed),
                "p99": statistics.median(p[2] for p in parsed),
                "errors": sum(p[3] for p in parsed),
                "bytes": response_bytes(raw, mode, name),
            }
        if not results:
            continue
        title = ("One event-loop thread (server pinned to CPU 0, wrk to CPU 1)" if mode == "one-loop"
                 else "One loop per core (server and wrk share the cores)")
        print(f"## {title}\n")
        refs = [r for r in ("cyclone-plain", "netty", "vertx", "tornado") if r in results]
        head = "| server | requests/s (min–max) | p50 ms | p99 ms | errors | response bytes |"
        head += "".join(f" × {SHORT[r]} |" for r in refs)
        print(head)
        print("|---" * (6 + len(refs)) + "|")
        for name, r in results.items():
            row = (f"| {LABELS[name]} | {r['rps']:,.0f} ({r['min']:,.0f}–{r['max']:,.0f}) | {r['p50']:.2f} |"
                   f" {r['p99']:.2f} | {r['errors']} | {r['bytes'] or '?'} |")
            row += "".join(f" {r['rps'] / results[ref]['rps']:.2f} |" for ref in refs)
            print(row)
        print()
        targets = []
        def ratio(a, b):
            return results[a]["rps"] / results[b]["rps"] if a in results and b in results else None
        for a, b, goal in (("cyclone-plain", "vertx", 1.0), ("cyclone-plain", "netty", 0.95),
                           ("cyclone-plain", "tornado", 10.0), ("cyclone-completed", "cyclone-plain", 0.95),
                           ("cyclone-moment", "cyclone-plain", 0.85)):
            x = ratio(a, b)
            if x is not None:
                targets.append(f"{LABELS[a]} / {LABELS[b]} = **{x:.2f}** (target ≥ {goal}: "
                               f"{'met' if x >= goal else 'NOT met'})")
        if targets:
            print("Targets: " + "; ".join(targets) + ".\n")


if __name__ == "__main__":
    main()
