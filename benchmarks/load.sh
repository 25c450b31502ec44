#!/usr/bin/env bash
# The load comparison of BENCHMARKS.md: the same hello world served by Cyclone (plain, @Coroutine on
# a completed future, @Coroutine awaiting Gen.moment()), plain Netty, Vert.x 5 and Tornado 6, first
# each with one event-loop thread, then the Java servers with one loop per core; load from wrk on
# loopback. Never run by CI.
#
# Every server runs on epoll, its default, and Cyclone and Vert.x also on io_uring (cyclone-uring,
# vertx-uring), the transport each can be asked for: the paired mode sets them against each other on
# each transport.
#
#   benchmarks/load.sh                      # everything, the defaults below
#   SERVERS="cyclone-plain netty" RUNS=3 benchmarks/load.sh
#
# Environment (defaults in brackets):
#   JAVA_HOME    the JDK of the Java servers [the default java]
#   WARMUP       seconds of load on each server before the measured rounds [10]
#   DURATION     seconds of each measured run [10]
#   RUNS         measured rounds; each server gets one run a round [5]
#   CONNECTIONS  wrk connections [64]
#   SERVERS      which servers [cyclone-plain cyclone-completed cyclone-moment cyclone-uring netty
#                 vertx vertx-uring tornado]; also cyclone-bare, netty-uring, cyclone-gzip /
#                 vertx-gzip (a 10 KiB JSON document, gzipped: AppSettings.compressResponse
#                 against Vert.x's compressionSupported), and example /
#                 example-quiet: the example's jar started as the README says (a loop per core, its
#                 logback access log on / off), per-core mode only
#                 cyclone-reuseport: the plain handler with a listening socket per loop
#                 (HTTPServerOptions.reusePort), per-core mode
#                 floor: no server, the kernel's part of a request alone (http_floor.c, built
#                 with gcc): one recv and one send per request, a fixed response; the bound on
#                 how far any server can lead another here
#   MODES        one-loop, per-core and/or paired [one-loop per-core paired]
#   CHURN        1: every request on a new connection (wrk sends Connection: close), which
#                 measures accepting and how connections are spread over the loops [0]
#   PACE_MS      N > 0: each connection waits N ms after a response before its next request
#                 (wrk's Lua delay()), so every server gets the same moderate load and the
#                 latency columns show what a request costs, not how long a queue grows at
#                 saturation; its ratios of requests are then about 1 by design [0]
#   PAIRS        the pairs of the paired mode, A/B
#                [cyclone-plain/cyclone-plain cyclone-plain/vertx cyclone-uring/vertx-uring
#                 cyclone-plain/netty cyclone-uring/cyclone-plain cyclone-completed/cyclone-plain
#                 cyclone-moment/cyclone-plain cyclone-bare/vertx]
#   OUT          the markdown report [benchmarks/target/load-results.md]
#
# The servers of a mode all run at once, each on its own port, and are measured in rounds: one run
# of each server a round, in an order that rotates from round to round. A shared machine drifts
# (neighbours, frequency) by more than the differences measured here; runs that follow each other
# within seconds see the same drift, so the report compares servers within a round (the median of
# the per-round ratios) as well as by their medians. Only the server under load does any work.
#
# One loop: the servers are pinned to CPU 0 (taskset -c 0) and wrk (one thread) to CPU 1, so that
# the two never compete for a core; each JVM then sees one processor (and sizes GC and JIT threads
# so). Per core: the Java servers run with one loop per core, unpinned, and wrk (one thread per
# core) shares the cores with them; Tornado runs a process per core (its fork_processes).
#
# Paired: two servers (one loop each, both pinned to CPU 0) loaded at the same time by two wrk
# (both on CPU 1), so that whatever the machine does during a run it does to both: each gets its
# share of the same core at the same moment. The first pair, Cyclone against a second copy of
# itself, shows how far apart two identical servers come out: the resolution of the method. The
# two wrk share CPU 1 too, so a response that costs wrk more to read (more headers) slows its own
# side a little; and when the two wrk, not the servers, fill their core, each drives its server at
# the pace of its half of CPU 1, whatever the server: "floor" against Vert.x comes out at 1.007
# (BENCHMARKS.md, issue 18, step 7). The ratio of requests then says only that neither server is
# slower than wrk; the CPU each server spent per request is the figure that tells them apart.
#
# Besides wrk's figures, each run records the CPU time the server used (utime + stime from /proc,
# its worker processes included), reported as microseconds per request: how much work a request costs, whatever the load.
# It records wrk's own CPU too, reported as a share of one core: near 100% in the one-loop mode, wrk
# is as much a bottleneck as the server (BENCHMARKS.md, issue 18, step 6).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/common.sh
. benchmarks/common.sh

WARMUP=${WARMUP:-10}
DURATION=${DURATION:-10}
RUNS=${RUNS:-5}
CONNECTIONS=${CONNECTIONS:-64}
SERVERS=${SERVERS:-"cyclone-plain cyclone-completed cyclone-moment cyclone-uring netty vertx vertx-uring tornado"}
MODES=${MODES:-"one-loop per-core paired"}
PAIRS=${PAIRS:-"cyclone-plain/cyclone-plain cyclone-plain/vertx cyclone-uring/vertx-uring cyclone-plain/netty cyclone-uring/cyclone-plain cyclone-completed/cyclone-plain cyclone-moment/cyclone-plain cyclone-bare/vertx"}
OUT=${OUT:-benchmarks/target/load-results.md}
CHURN=${CHURN:-0}
PACE_MS=${PACE_MS:-0}
[[ "$PACE_MS" =~ ^[0-9]+$ ]] || { echo "PACE_MS is whole milliseconds (wrk's delay()), got $PACE_MS" >&2; exit 2; }
PORT=${PORT:-18080}
CORES=$(nproc)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JVM_OPTS=${JVM_OPTS:-"-Xms1g -Xmx1g"}

command -v wrk >/dev/null && [ -x /usr/sbin/nginx ] && /usr/bin/python3 -c 'import tornado' 2>/dev/null \
  || benchmarks/install-tools.sh

echo "Building the benchmark servers..." >&2
mvn -B -q -pl benchmarks,example -am -Dmaven.test.skip=true package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
# the runnable jar this build made (not a stale one of another name left in target/)
EXAMPLE_JAR=example/target/cyclone-example-$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' example/pom.xml | head -1).jar
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
RAW=benchmarks/target/load-raw
rm -rf "$RAW" # a run reports only what it measured
mkdir -p "$RAW"
echo "$PACE_MS" >"$RAW/pace_ms.txt"
if [ "$PACE_MS" != 0 ]; then
  printf 'function delay()\n  return %s\nend\n' "$PACE_MS" >"$RAW/pace.lua"
fi
case " $SERVERS $PAIRS " in
  *[\ /]floor[\ /]*) gcc -O2 -o "$RAW/http_floor" benchmarks/http_floor.c ;;
esac

server_cmd() { # name loops port
  local pkg=dev.cyclone.benchmarks.servers
  case "$1" in
    cyclone-plain) echo "$JAVA $JVM_OPTS -cp $CP $pkg.CycloneServer --port $3 --loops $2 --handler plain" ;;
    cyclone-completed) echo "$JAVA $JVM_OPTS -cp $CP $pkg.CycloneServer --port $3 --loops $2 --handler completed" ;;
    cyclone-moment) echo "$JAVA $JVM_OPTS -cp $CP $pkg.CycloneServer --port $3 --loops $2 --handler moment" ;;
    cyclone-bare) echo "$JAVA $JVM_OPTS -cp $CP $pkg.CycloneServer --port $3 --loops $2 --handler bare" ;;
    cyclone-reuseport) echo "$JAVA $JVM_OPTS -cp $CP $pkg.CycloneServer --port $3 --loops $2 --handler plain --reuse-port true" ;;
    cyclone-uring) echo "$JAVA $JVM_OPTS -cp $CP $pkg.CycloneServer --port $3 --loops $2 --handler plain --transport io_uring" ;;
    cyclone-gzip) echo "$JAVA $JVM_OPTS -cp $CP $pkg.CycloneServer --port $3 --loops $2 --compress true" ;;
    vertx-gzip) echo "$JAVA $JVM_OPTS -cp $CP $pkg.VertxServer --port $3 --loops $2 --compress true" ;;
    netty) echo "$JAVA $JVM_OPTS -cp $CP $pkg.NettyServer --port $3 --loops $2" ;;
    netty-uring) echo "$JAVA $JVM_OPTS -cp $CP $pkg.NettyServer --port $3 --loops $2 --transport io_uring" ;;
    vertx) echo "$JAVA $JVM_OPTS -cp $CP $pkg.VertxServer --port $3 --loops $2" ;;
    vertx-uring) echo "$JAVA $JVM_OPTS -cp $CP $pkg.VertxServer --port $3 --loops $2 --transport io_uring" ;;
    tornado) echo "/usr/bin/python3 benchmarks/tornado_server.py --port $3 --loops $2" ;;
    # The example as the README ships it: its jar, its defaults (a loop per core), its logging.
    example) echo "$JAVA -jar $EXAMPLE_JAR --port $3" ;;
    nginx) nginx_conf "$2" "$3"; echo "/usr/sbin/nginx -p $PWD/$RAW -c $PWD/$RAW/nginx-$3.conf" ;;
    example-quiet) echo "$JAVA -Dcyclone.access.level=OFF -jar $EXAMPLE_JAR --port $3" ;;
    # No server: the kernel's part of a request alone (http_floor.c), the bound on any lead.
    floor) echo "$RAW/http_floor $3 $2" ;;
    *) echo "unknown server $1" >&2; exit 2 ;;
  esac
}

# nginx's hello world: a worker per loop, no access log, the same body as the others.
nginx_conf() { # loops port
  mkdir -p "$RAW/logs"
  cat >"$RAW/nginx-$2.conf" <<CONF
daemon off;
master_process on;
worker_processes $1;
error_log $PWD/$RAW/nginx-$2.error.log;
pid $PWD/$RAW/nginx-$2.pid;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$2;
    location / { default_type text/plain; return 200 "Hello, World!"; }
  }
}
CONF
}

declare -A PIDS PORTS NAMES URLPATH
# What wrk asks each server for: the hello world, or for the *-gzip servers a 10 KiB JSON document,
# gzipped by the server (wrk sends Accept-Encoding: gzip to every server; only those compress).
server_path() { # name
  case "$1" in
    *-gzip) echo /json ;;
    *) echo / ;;
  esac
}
trap stop_servers EXIT

start_server() { # name loops pin port [key: what PIDS and PORTS know it as; the name by default]
  local key=${5:-$1} port=$4
  local log="$RAW/$key-$2.server.log"
  : >"$log" # now, not in the background job: await_server must not read the last server's "ready"
  # a port something still answers on would be measured in this server's name
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is already taken (a server left over from an earlier run?); stop it first" >&2
    exit 1
  fi
  # shellcheck disable=SC2046
  if [ -n "$3" ]; then
    taskset -c "$3" $(server_cmd "$1" "$2" "$port") >"$log" 2>&1 &
  else
    $(server_cmd "$1" "$2" "$port") >"$log" 2>&1 &
  fi
  PIDS[$key]=$!
  PORTS[$key]=$port
  URLPATH[$port]=$(server_path "$1")
  NAMES[$key]=$1
}

await_server() { # key loops
  local log="$RAW/$1-$2.server.log"
  for _ in $(seq 300); do
    if grep -q -e '^ready' -e 'listening on' "$log" \
        || { [ "${NAMES[$1]}" = nginx ] && curl -fsS -o /dev/null "http://127.0.0.1:${PORTS[$1]}/"; }; then
      echo "${NAMES[$1]} $(grep -h '^transport' "$log" | cut -d' ' -f2)" >>"$RAW/transports.txt"
      return 0
    fi
    kill -0 "${PIDS[$1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "server $1 did not start; its log:" >&2
  cat "$log" >&2
  exit 1
}


run_wrk() { # seconds threads pin port file
  local pin=()
  [ -n "$3" ] && pin=(taskset -c "$3")
  local extra=()
  [ "$CHURN" = 1 ] && extra=(-H 'Connection: close')
  [ "$PACE_MS" != 0 ] && extra+=(-s "$RAW/pace.lua")
  # wrk's own CPU (user and system seconds, from bash's time) beside its output: a load generator
  # near 100% of its core is a bottleneck too, and then the servers' differences are compressed.
  local TIMEFORMAT='%U %S'
  { time "${pin[@]}" wrk -t"$2" -c"$CONNECTIONS" -d"$1"s --latency -H 'Accept-Encoding: gzip' \
      "${extra[@]}" "http://127.0.0.1:$4${URLPATH[$4]:-/}" >"$5" 2>&1; } 2>"${5%.txt}.wrkcpu"
}

# The paired mode: each pair's two servers started on CPU 0 as "a" and "b", warmed up together,
# then RUNS runs of both at once.
run_pairs() {
  local pair a b tag run wa wb before_a before_b
  for pair in $PAIRS; do
    a=${pair%/*}; b=${pair#*/}; tag="$a-vs-$b"
    echo "== paired: $a against $b" >&2
    start_server "$a" 1 0 "$PORT" a
    start_server "$b" 1 0 $((PORT + 1)) b
    await_server a 1
    await_server b 1
    # Each wrk runs in a subshell of its own, so that bash's `time` there counts that wrk alone: in
    # the foreground, the other one's CPU would be added to it whenever it ended first (the main
    # shell reaps it while the time runs).
    run_wrk "$WARMUP" 1 1 "${PORTS[a]}" "$RAW/paired-$tag.warmup.a.txt" &
    wa=$!
    run_wrk "$WARMUP" 1 1 "${PORTS[b]}" "$RAW/paired-$tag.warmup.b.txt" &
    wb=$!
    wait $wa $wb
    for run in $(seq "$RUNS"); do
      before_a=$(cpu_ticks "${PIDS[a]}"); before_b=$(cpu_ticks "${PIDS[b]}")
      run_wrk "$DURATION" 1 1 "${PORTS[a]}" "$RAW/paired-$tag.run$run.a.txt" &
      wa=$!
      run_wrk "$DURATION" 1 1 "${PORTS[b]}" "$RAW/paired-$tag.run$run.b.txt" &
      wb=$!
      wait $wa $wb
      echo $(($(cpu_ticks "${PIDS[a]}") - before_a)) >"$RAW/paired-$tag.run$run.a.cpu"
      echo $(($(cpu_ticks "${PIDS[b]}") - before_b)) >"$RAW/paired-$tag.run$run.b.cpu"
      echo "   round $run: $a $(grep -h 'Requests/sec' "$RAW/paired-$tag.run$run.a.txt")," \
        "$b $(grep -h 'Requests/sec' "$RAW/paired-$tag.run$run.b.txt")" >&2
    done
    stop_servers
  done
}

rm -f "$RAW/transports.txt"
uptime | tee "$RAW/uptime-start.txt" >&2
getconf CLK_TCK >"$RAW/clk_tck.txt"
for mode in $MODES; do
  if [ "$mode" = paired ]; then
    [ "$CORES" -lt 2 ] && { echo "paired mode needs two cores; skipped" >&2; continue; }
    run_pairs
    continue
  fi
  if [ "$mode" = one-loop ]; then
    loops=1; server_pin=0; wrk_pin=1; threads=1
    [ "$CORES" -lt 2 ] && { server_pin=; wrk_pin=; }
  else
    loops=$CORES; server_pin=; wrk_pin=; threads=$CORES
  fi
  names=()
  for name in $SERVERS; do
    # the example runs as shipped, a loop per core: it has no one-loop setting
    [ "$mode" = one-loop ] && [[ "$name" == example* ]] && continue
    names+=("$name")
  done
  echo "== $mode: starting ${names[*]} (loops $loops)" >&2
  port=$PORT
  for name in "${names[@]}"; do
    start_server "$name" "$loops" "$server_pin" "$port"
    port=$((port + 1))
  done
  for name in "${names[@]}"; do
    await_server "$name" "$loops"
    curl -fsS -H "Accept-Encoding: gzip" "http://127.0.0.1:${PORTS[$name]}${URLPATH[${PORTS[$name]}]}" -D "$RAW/$mode-$name.headers" -o /dev/null
    run_wrk "$WARMUP" "$threads" "$wrk_pin" "${PORTS[$name]}" "$RAW/$mode-$name.warmup.txt"
  done
  for run in $(seq "$RUNS"); do
    # rotate the order, so that no server always follows the same one
    n=${#names[@]}
    for k in $(seq 0 $((n - 1))); do
      name=${names[$(((k + run - 1) % n))]}
      before=$(cpu_ticks "${PIDS[$name]}")
      run_wrk "$DURATION" "$threads" "$wrk_pin" "${PORTS[$name]}" "$RAW/$mode-$name.run$run.txt"
      echo $(($(cpu_ticks "${PIDS[$name]}") - before)) >"$RAW/$mode-$name.run$run.cpu"
      echo "   round $run $name: $(grep -h 'Requests/sec' "$RAW/$mode-$name.run$run.txt")" >&2
    done
  done
  stop_servers
done
uptime | tee "$RAW/uptime-end.txt" >&2

/usr/bin/python3 benchmarks/load_report.py "$RAW" "$MODES" "$SERVERS" "$RUNS" \
  "$WARMUP" "$DURATION" "$CONNECTIONS" "$("$JAVA" -version 2>&1 | head -1)" "$PAIRS" >"$OUT"
cat "$OUT"
echo "(written to $OUT; raw wrk output in $RAW)" >&2
