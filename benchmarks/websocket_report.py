"""Reads benchmarks/websocket.sh's results.txt; prints medians over rounds and ratios (markdown)."""
import re
import statistics
import sys

rows = {}
for line in open(sys.argv[1]):
    fields = dict(re.findall(r"(\w+)=([\d.]+)", line))
    rows.setdefault(line.split()[0], []).append(fields)


def median(name, key):
    return statistics.median(float(r[key]) for r in rows[name])


def per_socket(name):
    return statistics.median((float(r["memory_with_n"]) - float(r["memory_before"])) / float(r["n"]) for r in rows[name])


# "floor" (fanout_floor.c) has no server: only its CPU per fan-out, the least any server can spend.
floor = rows.pop("floor", None)
names = list(rows)
print("| server | bytes per idle WebSocket | fan-out: last member p50 (ms) | p99 (ms) | member median (ms) | server CPU per fan-out (ms) | echo (msgs/s) |")
print("|---|---|---|---|---|---|---|")
for n in names:
    print(f"| {n} | {per_socket(n):.0f} | {median(n, 'last_p50_ms'):.2f} | {median(n, 'last_p99_ms'):.2f} "
          f"| {median(n, 'member_median_ms'):.2f} | {median(n, 'server_cpu_ms_per_fanout'):.0f} | {median(n, 'msgs_per_s'):.0f} |")
if "cyclone" in rows:
    print()
    for other in [n for n in names if n != "cyclone"]:
        print(f"- Cyclone / {other}: fan-out speed (inverse of last-member p50) "
              f"{median(other, 'last_p50_ms') / median('cyclone', 'last_p50_ms'):.2f}x, "
              f"p99 {median(other, 'last_p99_ms') / median('cyclone', 'last_p99_ms'):.2f}x, "
              f"server CPU per fan-out {median(other, 'server_cpu_ms_per_fanout') / max(1, median('cyclone', 'server_cpu_ms_per_fanout')):.2f}x less, "
              f"echo {median('cyclone', 'msgs_per_s') / median(other, 'msgs_per_s'):.2f}x, "
              f"memory per idle socket {per_socket('cyclone') / per_socket(other):.2f}x")
if floor:
    cpu = statistics.median(float(r["server_cpu_ms_per_fanout"]) for r in floor)
    print()
    print(f"- Floor (write(2) alone to each member, fanout_floor.c): {cpu:.1f} ms of CPU per fan-out")
    for n in names:
        print(f"  - {n} spends {median(n, 'server_cpu_ms_per_fanout') / cpu:.2f}x the floor")
    if "tornado" in rows:
        print(f"  - the most any server could lead Tornado by, in server CPU: "
              f"{median('tornado', 'server_cpu_ms_per_fanout') / cpu:.2f}x")
