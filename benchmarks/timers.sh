#!/usr/bin/env bash
# The timers-under-load test of BENCHMARKS.md: how late a loop's timers run while the loop is kept
# busy. One Cyclone loop (pinned to CPU 0) is loaded by wrk (CPU 1) on `GET /` for DURATION seconds
# after a WARMUP; meanwhile curl asks `GET /sleep?ms=10` (a coroutine awaiting Gen.sleep) K times,
# one after another, and the script reports curl's p50, p99 and largest time, wrk's requests/s, and
# how often the loop's watchdog saw it run no task for 2 s. Once per transport, ROUNDS times,
# alternating. Never run by CI.
#
#   benchmarks/timers.sh                           # TRANSPORTS="epoll io_uring" ROUNDS=2 K=300
#   TRANSPORTS=io_uring JVM_OPTS="-Xms1g -Xmx1g -Dio.netty.iouring.ringSize=4096" benchmarks/timers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
TRANSPORTS=${TRANSPORTS:-"epoll io_uring"}
ROUNDS=${ROUNDS:-2}
K=${K:-300}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-40}
PORT=${PORT:-18090}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JVM_OPTS=${JVM_OPTS:-"-Xms1g -Xmx1g"}

command -v wrk >/dev/null || benchmarks/install-tools.sh
# shellcheck source=benchmarks/common.sh
. benchmarks/common.sh
build_benchmarks
RAW=benchmarks/target/timers-raw
rm -rf "$RAW"
mkdir -p "$RAW"

for round in $(seq "$ROUNDS"); do
  for transport in $TRANSPORTS; do
    log="$RAW/$transport-$round.server.log"
    # shellcheck disable=SC2086
    taskset -c 0 "$JAVA" $JVM_OPTS -cp "$CP" dev.cyclone.benchmarks.servers.CycloneServer \
      --port "$PORT" --loops 1 --handler plain --transport "$transport" >"$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 300); do grep -q '^ready' "$log" && break; sleep 0.1; done
    grep -q '^ready' "$log" || { cat "$log" >&2; exit 1; }
    taskset -c 1 wrk -t1 -c64 -d"$WARMUP"s "http://127.0.0.1:$PORT/" >/dev/null
    warnings_before=$(grep -c 'has not run a task' "$log" || true)
    taskset -c 1 wrk -t1 -c64 -d"$DURATION"s "http://127.0.0.1:$PORT/" >"$RAW/$transport-$round.wrk.txt" &
    wrk_pid=$!
    sleep 0.2
    for _ in $(seq "$K"); do
      curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT/sleep?ms=10"
    done >"$RAW/$transport-$round.curl.txt"
    wait "$wrk_pid"
    warnings=$(( $(grep -c 'has not run a task' "$log" || true) - warnings_before ))
    stop_server
    /usr/bin/python3 - "$transport" "$round" "$RAW/$transport-$round.curl.txt" \
      "$(awk '/Requests\/sec/ {print $2}' "$RAW/$transport-$round.wrk.txt")" "$warnings" <<'PY'
import sys
transport, rnd, path, rps, warnings = sys.argv[1:6]
t = sorted(float(x) * 1000 for x in open(path))
p = lambda q: t[min(len(t) - 1, int(q * len(t)))]
print(f"{transport:8s} round {rnd}: GET /sleep?ms=10 x{len(t)}: p50 {p(0.5):.1f} ms, p99 {p(0.99):.1f} ms,"
      f" max {t[-1]:.1f} ms; wrk {float(rps):,.0f} requests/s; watchdog warnings {warnings}")
PY
  done
done
