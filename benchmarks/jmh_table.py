#!/usr/bin/env python3
"""A markdown table of a JMH JSON result (run with -prof gc -rf json): ns/op and B/op per benchmark.

    /usr/bin/python3 benchmarks/jmh_table.py benchmarks/target/jmh-17.json [more.json ...]
"""
import json
import sys


def rows(path):
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 1)[1]
        p = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        yield r["jdkVersion"], name, p["score"], p["scoreError"], alloc


def main():
    print("| JDK | benchmark | ns/op | ± | B/op |")
    print("|---|---|---|---|---|")
    for path in sys.argv[1:]:
        for jdk, name, score, error, alloc in rows(path):
            b = f"{alloc:.0f}" if alloc is not None else "?"
            print(f"| {jdk} | {name} | {score:.1f} | {error:.1f} | {b} |")


if __name__ == "__main__":
    main()
