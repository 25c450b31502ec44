#!/usr/bin/env bash
# The held-requests test of BENCHMARKS.md: N simultaneous `GET /sleep?ms=2000` held open by
#   cyclone  Cyclone, a @Coroutine handler awaiting Gen.sleep (one loop)
#   virtual  Netty (same pipeline as the Netty server) + one virtual thread per request, Thread.sleep
#   timer    Netty, the response scheduled on the loop: the floor, nothing per request but Netty's
# and for each the server's heap after full GCs per held request, and whether all answer in ~2 s.
# Never run by CI.
#
#   benchmarks/held.sh                 # N=10000, MS=2000, all three servers
#   N=20000 SERVERS="cyclone virtual" benchmarks/held.sh
#
# JAVA_HOME defaults to the Temurin 25 JDK (virtual threads need 21+); every server runs on it,
# with JVM_OPTS [-Xms2g -Xmx2g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED].
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
MS=${MS:-2000}
SERVERS=${SERVERS:-"cyclone virtual timer"}
PORT=${PORT:-18081}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
JVM_OPTS=${JVM_OPTS:-"-Xms2g -Xmx2g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED"}
ulimit -n $((N * 2 + 1000)) 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# shellcheck source=benchmarks/common.sh
. benchmarks/common.sh
build_benchmarks
RAW=benchmarks/target/held-raw
mkdir -p "$RAW"
pkg=dev.cyclone.benchmarks.servers

uptime >&2
"$JAVA" -version 2>&1 | head -1 >&2
for name in $SERVERS; do
  case "$name" in
    cyclone) main="$pkg.CycloneServer --handler plain" ;;
    virtual) main="$pkg.NettyServer --sleep virtual" ;;
    timer) main="$pkg.NettyServer --sleep timer" ;;
    *) echo "unknown server $name" >&2; exit 2 ;;
  esac
  log="$RAW/$name.server.log"
  # shellcheck disable=SC2086
  "$JAVA" $JVM_OPTS -cp "$CP" $main --port "$PORT" --loops 1 >"$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 300); do grep -q '^ready' "$log" && break; sleep 0.1; done
  grep -q '^ready' "$log" || { cat "$log" >&2; exit 1; }
  # A short warm-up of the same path, so that the heap read is not of a cold server.
  "$JAVA" -cp "$CP" dev.cyclone.benchmarks.HeldRequests --port "$PORT" --n 500 --ms 1000 >/dev/null || true
  result=$("$JAVA" -cp "$CP" dev.cyclone.benchmarks.HeldRequests --port "$PORT" --n "$N" --ms "$MS")
  echo "$name $result" | tee "$RAW/$name.txt"
  stop_server
done
uptime >&2
