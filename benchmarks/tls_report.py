"""The report of benchmarks/tls.sh: per case, each round's requests/s of both engines, their ratio,
the CPU time per request of each server process, and the medians. Reads the raw files of one run.

Usage: tls_report.py RAW_DIR A B "CASES" RUNS CLK_TCK
"""
import re
import statistics
import sys
from pathlib import Path

raw, a, b, cases, runs, clk = sys.argv[1:7]
raw, runs, clk = Path(raw), int(runs), int(clk)


def wrk(path):
    text = path.read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1)
    errors = re.search(r"Socket errors: (.*)", text)
    return rps, requests, p99, errors.group(1) if errors else "none"


print("uptime before: " + (raw / "uptime-start.txt").read_text().strip())
print("uptime after: " + (raw / "uptime-end.txt").read_text().strip())
print()
for case in cases.split():
    print(f"### {case}: {a} against {b}")
    print()
    print(f"| round | {a} req/s | {b} req/s | {a}/{b} | {a} µs CPU/req | {b} µs CPU/req | p99 {a} | p99 {b} |")
    print("|---|---|---|---|---|---|---|---|")
    ratios, cpu_ratios = [], []
    errors = set()
    for run in range(1, runs + 1):
        ra, na, pa, ea = wrk(raw / f"{case}.run{run}.a.txt")
        rb, nb, pb, eb = wrk(raw / f"{case}.run{run}.b.txt")
        ca = int((raw / f"{case}.run{run}.a.cpu").read_text()) / clk * 1e6 / na
        cb = int((raw / f"{case}.run{run}.b.cpu").read_text()) / clk * 1e6 / nb
        ratios.append(ra / rb)
        cpu_ratios.append(cb / ca)
        errors.update(e for e in (ea, eb) if e != "none")
        print(f"| {run} | {ra:,.0f} | {rb:,.0f} | {ra / rb:.2f}× | {ca:.1f} | {cb:.1f} | {pa} | {pb} |")
    print()
    print(f"median {a}/{b} requests: **{statistics.median(ratios):.2f}×**; "
          f"median {b}/{a} CPU per request: **{statistics.median(cpu_ratios):.2f}×**")
    if errors:
        print(f"wrk socket errors: {'; '.join(sorted(errors))}")
    print()
