#!/usr/bin/env bash
# The load comparison of BENCHMARKS.md: the same hello world served by Cyclone (plain, @Coroutine on
# a completed future, @Coroutine awaiting Gen.moment()), plain Netty, Vert.x 5 and Tornado 6, first
# each with one event-loop thread, then the Java servers with one loop per core; load from wrk on
# loopback. Never run by CI.
#
#   benchmarks/load.sh                      # everything, the defaults below
#   SERVERS="cyclone-plain netty" ROUNDS=1 benchmarks/load.sh
#
# Environment (defaults in brackets):
#   JAVA_HOME    the JDK of the Java servers [the default java]
#   WARMUP       seconds of load before the measured runs of each server [10]
#   DURATION     seconds of each measured run [10]
#   RUNS         measured runs per server; the tables show medians [3]
#   CONNECTIONS  wrk connections [64]
#   SERVERS      which servers [cyclone-plain cyclone-completed cyclone-moment netty vertx tornado]
#   MODES        one-loop and/or per-core [one-loop per-core]
#   OUT          the markdown report [benchmarks/target/load-results.md]
#
# One loop: the server is pinned to CPU 0 (taskset -c 0) and wrk (one thread) to CPU 1, so that the
# two never compete for a core; the JVM then sees one processor (and sizes GC and JIT threads so).
# Per core: the Java servers run with one loop per core, unpinned, and wrk (one thread per core)
# shares the cores with them; Tornado has no such mode (one process, one loop).
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-10}
DURATION=${DURATION:-10}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-64}
SERVERS=${SERVERS:-"cyclone-plain cyclone-completed cyclone-moment netty vertx tornado"}
MODES=${MODES:-"one-loop per-core"}
OUT=${OUT:-benchmarks/target/load-results.md}
PORT=${PORT:-18080}
CORES=$(nproc)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JVM_OPTS=${JVM_OPTS:-"-Xms1g -Xmx1g"}

command -v wrk >/dev/null && /usr/bin/python3 -c 'import tornado' 2>/dev/null || benchmarks/install-tools.sh

echo "Building the benchmark servers..." >&2
mvn -B -q -pl benchmarks -am -Dmaven.test.skip=true package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
RAW=benchmarks/target/load-raw
mkdir -p "$RAW"

server_cmd() { # name loops
  local pkg=dev.cyclone.benchmarks.servers
  case "$1" in
    cyclone-plain) echo "$JAVA $JVM_OPTS -cp $CP $pkg.CycloneServer --port $PORT --loops $2 --handler plain" ;;
    cyclone-completed) echo "$JAVA $JVM_OPTS -cp $CP $pkg.CycloneServer --port $PORT --loops $2 --handler completed" ;;
    cyclone-moment) echo "$JAVA $JVM_OPTS -cp $CP $pkg.CycloneServer --port $PORT --loops $2 --handler moment" ;;
    netty) echo "$JAVA $JVM_OPTS -cp $CP $pkg.NettyServer --port $PORT --loops $2" ;;
    vertx) echo "$JAVA $JVM_OPTS -cp $CP $pkg.VertxServer --port $PORT --loops $2" ;;
    tornado) echo "/usr/bin/python3 benchmarks/tornado_server.py --port $PORT --loops $2" ;;
    *) echo "unknown server $1" >&2; exit 2 ;;
  esac
}

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
trap stop_server EXIT

start_server() { # name loops pin
  local log="$RAW/$1-$2.server.log"
  # shellcheck disable=SC2046
  if [ -n "$3" ]; then
    taskset -c "$3" $(server_cmd "$1" "$2") >"$log" 2>&1 &
  else
    $(server_cmd "$1" "$2") >"$log" 2>&1 &
  fi
  SERVER_PID=$!
  for _ in $(seq 300); do
    grep -q '^ready' "$log" && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "server $1 did not start; its log:" >&2
  cat "$log" >&2
  exit 1
}

run_wrk() { # seconds threads pin file
  local pin=()
  [ -n "$3" ] && pin=(taskset -c "$3")
  "${pin[@]}" wrk -t"$2" -c"$CONNECTIONS" -d"$1"s --latency "http://127.0.0.1:$PORT/" >"$4"
}

uptime | tee "$RAW/uptime-start.txt" >&2
for mode in $MODES; do
  for name in $SERVERS; do
    if [ "$mode" = one-loop ]; then
      loops=1; server_pin=0; wrk_pin=1; threads=1
      [ "$CORES" -lt 2 ] && { server_pin=; wrk_pin=; }
    else
      [ "$name" = tornado ] && continue
      loops=$CORES; server_pin=; wrk_pin=; threads=$CORES
    fi
    echo "== $mode $name (loops $loops)" >&2
    start_server "$name" "$loops" "$server_pin"
    curl -fsS "http://127.0.0.1:$PORT/" -D "$RAW/$mode-$name.headers" -o /dev/null
    run_wrk "$WARMUP" "$threads" "$wrk_pin" "$RAW/$mode-$name.warmup.txt"
    for run in $(seq "$RUNS"); do
      run_wrk "$DURATION" "$threads" "$wrk_pin" "$RAW/$mode-$name.run$run.txt"
      grep -h 'Requests/sec' "$RAW/$mode-$name.run$run.txt" >&2
    done
    stop_server
  done
done
uptime | tee "$RAW/uptime-end.txt" >&2

/usr/bin/python3 benchmarks/load_report.py "$RAW" "$MODES" "$SERVERS" "$RUNS" \
  "$WARMUP" "$DURATION" "$CONNECTIONS" "$("$JAVA" -version 2>&1 | head -1)" >"$OUT"
cat "$OUT"
echo "(written to $OUT; raw wrk output in $RAW)" >&2
