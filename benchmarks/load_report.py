#!/usr/bin/env python3
"""Turns the raw wrk output of benchmarks/load.sh into the markdown tables of BENCHMARKS.md.

    load_report.py RAW_DIR "MODES" "SERVERS" RUNS WARMUP DURATION CONNECTIONS JAVA_VERSION "PAIRS"
"""
import os
import re
import statistics
import sys

LABELS = {
    "cyclone-plain": "Cyclone, plain handler",
    "cyclone-completed": "Cyclone, @Coroutine, completed future",
    "cyclone-moment": "Cyclone, @Coroutine, awaits Gen.moment()",
    "cyclone-bare": "Cyclone, plain handler without ETag and Server",
    "cyclone-uring": "Cyclone, plain handler, on io_uring",
    "cyclone-reuseport": "Cyclone, plain handler, a listener per loop (reusePort)",
    "netty": "Netty 4.2.18, example style",
    "netty-uring": "Netty 4.2.18, example style, on io_uring",
    "vertx": "Vert.x 5.0.7 core",
    "vertx-uring": "Vert.x 5.0.7 core, on io_uring",
    "tornado": "Tornado 6 (Python)",
    "example": "Cyclone example as shipped (java -jar, access log on)",
    "example-quiet": "Cyclone example, access log off",
    "nginx": "nginx, one worker per core",
    "floor": "floor: recv and a fixed send, no server (http_floor.c)",
    "cyclone-gzip": "Cyclone, 10 KiB JSON gzipped (compressResponse)",
    "vertx-gzip": "Vert.x, 10 KiB JSON gzipped (compressionSupported)",
}
SHORT = {"cyclone-plain": "Cyclone plain", "netty": "Netty", "vertx": "Vert.x",
         "vertx-uring": "Vert.x io_uring", "tornado": "Tornado", "nginx": "nginx",
         "floor": "floor"}
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}
CLK_TCK = 100  # read from the raw directory in main()


def millis(text):
    m = re.match(r"([\d.]+)(us|ms|s)$", text)
    return float(m.group(1)) * UNITS[m.group(2)]


def ms(value):
    """Milliseconds as text: two decimals, three below 1 ms (a paced run's latencies)."""
    return f"{value:.2f}" if value >= 1 else f"{value:.3f}"


def parse(path):
    """(requests/s, p50 ms, p99 ms, errors, server CPU us per request or None, wrk's CPU in
    seconds or None) of one wrk run."""
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    p50 = millis(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
    p99 = millis(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if m:
        errors += sum(int(g) for g in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if m:
        errors += int(m.group(1))
    cpu = None
    cpu_path = path[: -len(".txt")] + ".cpu"
    if os.path.exists(cpu_path) and requests:
        ticks = int(open(cpu_path).read())
        cpu = ticks / CLK_TCK * 1e6 / requests
    return rps, p50, p99, errors, cpu, wrk_seconds(path)


def wrk_seconds(path):
    """The user and system CPU seconds wrk took for this run (bash's time), or None."""
    wrk_path = path[: -len(".txt")] + ".wrkcpu"
    if not os.path.exists(wrk_path):
        return None
    fields = open(wrk_path).read().split()
    try:
        return float(fields[-2]) + float(fields[-1])
    except (IndexError, ValueError):
        return None


def response_bytes(raw, mode, name):
    path = os.path.join(raw, f"{mode}-{name}.headers")
    if not os.path.exists(path):
        return None
    return len(open(path, "rb").read()) + len(b"Hello, World!")


def paired(runs_a, runs_b):
    """The median over rounds of a's requests/s over b's in the same round, with its range."""
    ratios = [a[0] / b[0] for a, b in zip(runs_a, runs_b)]
    return statistics.median(ratios), min(ratios), max(ratios)


# The Vert.x target is checked on epoll, both servers' default, and again on io_uring.
TARGETS = (("cyclone-plain", "vertx", 1.0), ("cyclone-uring", "vertx-uring", 1.0),
           ("cyclone-plain", "netty", 0.95),
           ("cyclone-plain", "tornado", 10.0), ("cyclone-completed", "cyclone-plain", 0.95),
           ("cyclone-moment", "cyclone-plain", 0.85),
           # issue 18: the example as users run it, and what its access log costs
           ("example", "vertx", 1.0), ("example", "netty", 1.0), ("example", "nginx", 0.9),
           ("example", "example-quiet", 0.95),
           # issue 19: compression against Vert.x's (no target set; reported)
           ("cyclone-gzip", "vertx-gzip", 0.0))


def busy(seconds, duration):
    """The median of wrk's CPU seconds per run as a share of one core over the run, as text."""
    seconds = [s for s in seconds if s is not None]
    return f"{100 * statistics.median(seconds) / duration:.0f}%" if seconds else "?"


def report_pairs(raw, pairs, runs, duration):
    """The paired mode: per pair, the medians and the per-round ratio of A's requests to B's."""
    rows, ratios_of = [], {}
    for pair in pairs:
        a, b = pair.split("/")
        files = [[os.path.join(raw, f"paired-{a}-vs-{b}.run{i}.{side}.txt") for side in "ab"]
                 for i in range(1, runs + 1)]
        if not all(os.path.exists(f) for fs in files for f in fs):
            continue
        runs_a = [parse(fa) for fa, _ in files]
        runs_b = [parse(fb) for _, fb in files]
        ratio = paired(runs_a, runs_b)
        cpu_ratios = [y[4] / x[4] for x, y in zip(runs_a, runs_b) if x[4] and y[4]]
        rows.append((a, b, runs_a, runs_b, ratio, statistics.median(cpu_ratios) if cpu_ratios else None))
        ratios_of[(a, b)] = ratio
    if not rows:
        return
    print("## Paired: two servers loaded at the same time, sharing CPU 0 (their two wrk share CPU 1)\n")
    print("| A | B | A requests/s | B requests/s | A / B requests: median (rounds) |"
          " A CPU µs/request | B CPU µs/request | B / A CPU per request | the two wrk's CPU, % of CPU 1 |")
    print("|---" * 9 + "|")
    for a, b, runs_a, runs_b, (x, lo, hi), cpu in rows:
        both = [ra[5] + rb[5] for ra, rb in zip(runs_a, runs_b) if ra[5] is not None and rb[5] is not None]
        cpu_a = statistics.median(r[4] for r in runs_a if r[4] is not None)
        cpu_b = statistics.median(r[4] for r in runs_b if r[4] is not None)
        b_label = LABELS[b] + (" (a second copy)" if a == b else "")
        print(f"| {LABELS[a]} | {b_label} | {statistics.median(r[0] for r in runs_a):,.0f} |"
              f" {statistics.median(r[0] for r in runs_b):,.0f} | **{x:.3f}** ({lo:.2f}–{hi:.2f}) |"
              f" {cpu_a:.1f} | {cpu_b:.1f} | {cpu:.3f} | {busy(both, duration)} |")
    print("\nRatios are medians over the rounds of the two servers' figures in the same run.\n")
    targets = []
    for a, b, goal in TARGETS:
        if (a, b) in ratios_of:
            x, lo, hi = ratios_of[(a, b)]
            targets.append(f"{LABELS[a]} / {LABELS[b]} = **{x:.3f}** (rounds {lo:.2f}–{hi:.2f};"
                           f" target ≥ {goal}: {'met' if x >= goal else 'NOT met'})")
    if targets:
        print("Targets:\n" + "".join(f"- {t}\n" for t in targets))


def main():
    global CLK_TCK
    raw, modes, servers, runs = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), int(sys.argv[4])
    warmup, duration, connections, java = sys.argv[5:9]
    pairs = sys.argv[9].split() if len(sys.argv) > 9 else []
    tck = os.path.join(raw, "clk_tck.txt")
    if os.path.exists(tck):
        CLK_TCK = int(open(tck).read())
    print("# Load comparison\n")
    start = open(os.path.join(raw, "uptime-start.txt")).read().strip()
    end = open(os.path.join(raw, "uptime-end.txt")).read().strip()
    print(f"wrk, {connections} connections, {warmup} s warm-up per server, then {runs} rounds of one"
          f" {duration} s run per server (one loop and per core: all servers up at once, the order"
          f" rotating; paired: two servers at a time, both loaded at once); medians of the runs."
          f" Java servers on `{java}`.  ")
    print(f"Load average at start: `{start}`; at end: `{end}`.\n")
    pace_path = os.path.join(raw, "pace_ms.txt")
    pace = int(open(pace_path).read()) if os.path.exists(pace_path) else 0
    if pace:
        print(f"Paced: each connection waited {pace} ms after a response before its next request, so"
              " every server had the same moderate load. Read the latency columns; the ratios of"
              " requests are about 1 by design, and no throughput target applies.\n")
    transports = os.path.join(raw, "transports.txt")
    if os.path.exists(transports):
        seen = dict(line.split() for line in open(transports) if len(line.split()) == 2)
        print("Transport of each Java server, as it reported it: "
              + ", ".join(f"{LABELS.get(k, k)}: {v}" for k, v in sorted(seen.items())) + ".\n")
    for mode in modes:
        if mode == "paired":
            report_pairs(raw, pairs, runs, float(duration))
            continue
        results = {}
        runs_of = {}
        for name in servers:
            files = [os.path.join(raw, f"{mode}-{name}.run{i}.txt") for i in range(1, runs + 1)]
            if not all(os.path.exists(f) for f in files):
                continue
            parsed = [parse(f) for f in files]
            runs_of[name] = parsed
            cpus = [p[4] for p in parsed if p[4] is not None]
            results[name] = {
                "rps": statistics.median(p[0] for p in parsed),
                "min": min(p[0] for p in parsed),
                "max": max(p[0] for p in parsed),
                "p50": statistics.median(p[1] for p in parsed),
                "p99": statistics.median(p[2] for p in parsed),
                "errors": sum(p[3] for p in parsed),
                "cpu": statistics.median(cpus) if cpus else None,
                "wrk": busy([p[5] for p in parsed], float(duration)),
                "bytes": response_bytes(raw, mode, name),
            }
        if not results:
            continue
        title = ("One event-loop thread (servers pinned to CPU 0, wrk to CPU 1)" if mode == "one-loop"
                 else "One loop per core (server and wrk share the cores)")
        print(f"## {title}\n")
        refs = [r for r in ("cyclone-plain", "netty", "vertx", "vertx-uring", "nginx", "tornado", "floor")
                if r in results]
        head = ("| server | requests/s (min–max) | p50 ms | p99 ms | errors | response bytes |"
                " server CPU µs/request | wrk CPU, % of a core |")
        head += "".join(f" × {SHORT[r]} |" for r in refs)
        print(head)
        print("|---" * (8 + len(refs)) + "|")
        for name, r in results.items():
            cpu = f"{r['cpu']:.1f}" if r["cpu"] is not None else "?"
            row = (f"| {LABELS[name]} | {r['rps']:,.0f} ({r['min']:,.0f}–{r['max']:,.0f}) | {ms(r['p50'])} |"
                   f" {ms(r['p99'])} | {r['errors']} | {r['bytes'] or '?'} | {cpu} | {r['wrk']} |")
            row += "".join(f" {paired(runs_of[name], runs_of[ref])[0]:.2f} |" for ref in refs)
            print(row)
        print()
        print("The × columns are medians of per-round ratios: each server's requests/s over the"
              " other's in the same round.\n")
        targets = []
        for a, b, goal in [] if pace else TARGETS:
            if a in runs_of and b in runs_of:
                x, lo, hi = paired(runs_of[a], runs_of[b])
                targets.append(f"{LABELS[a]} / {LABELS[b]} = **{x:.2f}** (rounds {lo:.2f}–{hi:.2f};"
                               f" target ≥ {goal}: {'met' if x >= goal else 'NOT met'})")
        if targets:
            print("Targets:\n" + "".join(f"- {t}\n" for t in targets))


if __name__ == "__main__":
    main()
