#!/usr/bin/env bash
# The WebSocket comparison of BENCHMARKS.md: Cyclone, Vert.x 5 and Tornado (its chat demo's
# pattern), each serving /room (every message to every member) and /echo on one event loop, loaded
# by the same client (WsLoad, Cyclone's WebSocket client on one loop). Interleaved rounds; the
# report gives medians over rounds and ratios from the same run. Never run by CI.
#
#   benchmarks/websocket.sh                       # N=10000 members, 3 rounds
#   N=1000 ROUNDS=1 SERVERS="cyclone vertx" benchmarks/websocket.sh
#   SERVERS="cyclone cyclone-uring vertx tornado" benchmarks/websocket.sh   # Cyclone on io_uring too
#   SERVERS="cyclone tornado floor" benchmarks/websocket.sh   # and the kernel's floor (fanout_floor.c)
#
# Per round and server: the server's heap (Java: used after a full GC, jcmd) or resident memory
# (Tornado: VmRSS) with no socket and with N idle members, hence bytes per idle WebSocket; then
# FANOUT_ROUNDS messages fanned out to the N members (time until the last has it, and the server's
# CPU time per message fanned out, which the client's own share of the latency does not blur); then an echo of
# 32-byte messages on 64 connections, 16 in flight each. Server on CPU 0, client on CPU 1.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
ROUNDS=${ROUNDS:-3}
FANOUT_ROUNDS=${FANOUT_ROUNDS:-30}
ECHO_SECONDS=${ECHO_SECONDS:-8}
SERVERS=${SERVERS:-"cyclone vertx tornado"}
PORT=${PORT:-18095}
ulimit -n $((N * 2 + 1000)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
/usr/bin/python3 -c 'import tornado' 2>/dev/null || benchmarks/install-tools.sh

# shellcheck source=benchmarks/common.sh
. benchmarks/common.sh
build_benchmarks
RAW=benchmarks/target/websocket-raw
rm -rf "$RAW"
mkdir -p "$RAW"
pkg=dev.cyclone.benchmarks.servers
JVM_OPTS=${JVM_OPTS:-"-Xms1g -Xmx1g -XX:+UseG1GC"}


memory() { # the server's heap after a full GC (Java) or its resident set (Python), in bytes
  if [ "$1" = tornado ]; then
    awk '/VmRSS/ {print $2 * 1024}' "/proc/$SERVER_PID/status"
  else
    jcmd "$SERVER_PID" GC.run >/dev/null
    sleep 0.5
    jcmd "$SERVER_PID" GC.heap_info | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub("K,?", "", v); print v * 1024; exit}}'
  fi
}

uptime >&2
for round in $(seq 1 "$ROUNDS"); do
  for name in $SERVERS; do
    if [ "$name" = floor ]; then # no server: what write(2) alone costs per member (fanout_floor.c)
      gcc -O2 -o "$RAW/fanout_floor" benchmarks/fanout_floor.c
      "$RAW/fanout_floor" "$N" "$FANOUT_ROUNDS" "$round" | tee -a "$RAW/results.txt"
      continue
    fi
    case "$name" in
      cyclone) cmd="java $JVM_OPTS -cp $CP $pkg.CycloneWsServer --port $PORT --loops 1" ;;
      cyclone-uring) cmd="java $JVM_OPTS -cp $CP $pkg.CycloneWsServer --port $PORT --loops 1 --transport io_uring" ;;
      vertx) cmd="java $JVM_OPTS -cp $CP $pkg.VertxWsServer --port $PORT --loops 1" ;;
      tornado) cmd="/usr/bin/python3 benchmarks/tornado_ws_server.py --port $PORT" ;;
      *) echo "unknown server $name" >&2; exit 2 ;;
    esac
    log="$RAW/$name-$round.server.log"
    # shellcheck disable=SC2086
    taskset -c 0 $cmd >"$log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 300); do grep -q '^ready' "$log" && break; sleep 0.1; done
    grep -q '^ready' "$log" || { cat "$log" >&2; exit 1; }
    # warm-up: a short fan-out and echo of the same paths
    rm -f "$RAW/ready" "$RAW/go"; touch "$RAW/go"
    taskset -c 1 java -cp "$CP" dev.cyclone.benchmarks.WsLoad fanout "$PORT" 500 20 "$RAW/ready" "$RAW/go" >/dev/null
    taskset -c 1 java -cp "$CP" dev.cyclone.benchmarks.WsLoad echo "$PORT" 64 16 1 2 >/dev/null
    sleep 1
    before=$(memory "$name")
    rm -f "$RAW/ready" "$RAW/go"
    taskset -c 1 java -cp "$CP" dev.cyclone.benchmarks.WsLoad fanout "$PORT" "$N" "$FANOUT_ROUNDS" "$RAW/ready" "$RAW/go" \
      >"$RAW/$name-$round.fanout.txt" &
    CLIENT=$!
    for _ in $(seq 1200); do [ -f "$RAW/ready" ] && break; sleep 0.1; done
    sleep 1
    after=$(memory "$name")
    ticks_before=$(cpu_ticks "$SERVER_PID")
    touch "$RAW/go"
    wait "$CLIENT"
    ticks_after=$(cpu_ticks "$SERVER_PID")
    # the server's own work per message fanned out, free of the client's share of the latency
    cpu_ms=$(( (ticks_after - ticks_before) * 10 / FANOUT_ROUNDS ))
    sleep 1
    taskset -c 1 java -cp "$CP" dev.cyclone.benchmarks.WsLoad echo "$PORT" 64 16 3 "$ECHO_SECONDS" >"$RAW/$name-$round.echo.txt"
    echo "$name round=$round memory_before=$before memory_with_n=$after n=$N server_cpu_ms_per_fanout=$cpu_ms $(tail -1 "$RAW/$name-$round.fanout.txt") $(tail -1 "$RAW/$name-$round.echo.txt")" \
      | tee -a "$RAW/results.txt"
    stop_server
  done
done
uptime >&2
/usr/bin/python3 benchmarks/websocket_report.py "$RAW/results.txt"
