#!/usr/bin/env bash
# HTTPS: OpenSSL (BoringSSL through netty-tcnative) against the JDK's TLS engine, on Cyclone's
# server, paired as in load.sh: the two servers (one loop each, both pinned to CPU 0) are loaded at
# the same time by two wrk (both on CPU 1), so whatever the machine does during a run it does to
# both, and the ratio of their requests is the ratio of what a request costs them. Never run by CI.
#
#   benchmarks/tls.sh                      # both cases, the defaults below
#   CASES=close RUNS=3 benchmarks/tls.sh
#
# Cases:
#   keepalive  wrk over https, CONNECTIONS connections kept alive: the cost of encrypting and
#              decrypting requests and responses
#   close      wrk over https with 'Connection: close': a new TCP connection and a full TLS
#              handshake for every request (wrk does not resume sessions)
#
# Environment (defaults in brackets):
#   WARMUP       seconds of load on both servers before each case's measured rounds [10]
#   DURATION     seconds of each measured run [10]
#   RUNS         measured rounds per case [5]
#   CONNECTIONS  wrk connections per server in the keepalive case [64]; close uses 16
#   CASES        [keepalive close]
#   PAIR         the two engines, A/B [OPENSSL/JDK]; JDK/JDK or OPENSSL/OPENSSL shows the resolution
#   OUT          the markdown report [benchmarks/target/tls-results.md]
#
# The certificate is an EC P-256 one made at run time with the openssl CLI (as a certificate from
# a public CA would be: ECDSA; TLS 1.3 with X25519 key exchange by default on both sides).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benchmarks/common.sh
. benchmarks/common.sh

WARMUP=${WARMUP:-10}
DURATION=${DURATION:-10}
RUNS=${RUNS:-5}
CONNECTIONS=${CONNECTIONS:-64}
CASES=${CASES:-"keepalive close"}
PAIR=${PAIR:-OPENSSL/JDK}
OUT=${OUT:-benchmarks/target/tls-results.md}
PORT=${PORT:-18443}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JVM_OPTS=${JVM_OPTS:-"-Xms1g -Xmx1g"}

command -v wrk >/dev/null && command -v openssl >/dev/null || benchmarks/install-tools.sh
[ "$(nproc)" -ge 2 ] || { echo "tls.sh pins the servers and wrk to two different cores: needs 2" >&2; exit 2; }

echo "Building the benchmark servers..." >&2
mvn -B -q -pl benchmarks -am -Dmaven.test.skip=true package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
RAW=benchmarks/target/tls-raw
rm -rf "$RAW"
mkdir -p "$RAW"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 \
  -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
  -keyout "$RAW/key.pem" -out "$RAW/cert.pem" 2>/dev/null

A=${PAIR%/*}
B=${PAIR#*/}
trap stop_servers EXIT

start_server() { # key provider port
  taskset -c 0 $JAVA $JVM_OPTS -cp "$CP" dev.cyclone.benchmarks.servers.CycloneServer \
    --port "$3" --loops 1 --handler plain \
    --tls-cert "$RAW/cert.pem" --tls-key "$RAW/key.pem" --tls-provider "$2" >"$RAW/$1.server.log" 2>&1 &
  PIDS[$1]=$!
}

await_server() { # key
  for _ in $(seq 300); do
    grep -q '^ready' "$RAW/$1.server.log" && return 0
    kill -0 "${PIDS[$1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "server $1 did not start; its log:" >&2
  cat "$RAW/$1.server.log" >&2
  exit 1
}

run_wrk() { # case seconds port file
  if [ "$1" = close ]; then
    taskset -c 1 wrk -t1 -c16 -d"$2"s --latency -H 'Connection: close' "https://127.0.0.1:$3/" >"$4"
  else
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$2"s --latency "https://127.0.0.1:$3/" >"$4"
  fi
}

uptime | tee "$RAW/uptime-start.txt" >&2
start_server a "$A" "$PORT"
start_server b "$B" $((PORT + 1))
await_server a
await_server b
grep -h 'TLS by' "$RAW/a.server.log" "$RAW/b.server.log" >&2 || true
for case in $CASES; do
  echo "== $case: $A against $B" >&2
  run_wrk "$case" "$WARMUP" "$PORT" "$RAW/$case.warmup.a.txt" &
  wa=$!
  run_wrk "$case" "$WARMUP" $((PORT + 1)) "$RAW/$case.warmup.b.txt"
  wait $wa
  for run in $(seq "$RUNS"); do
    before_a=$(cpu_ticks "${PIDS[a]}"); before_b=$(cpu_ticks "${PIDS[b]}")
    run_wrk "$case" "$DURATION" "$PORT" "$RAW/$case.run$run.a.txt" &
    wa=$!
    run_wrk "$case" "$DURATION" $((PORT + 1)) "$RAW/$case.run$run.b.txt"
    wait $wa
    echo $(($(cpu_ticks "${PIDS[a]}") - before_a)) >"$RAW/$case.run$run.a.cpu"
    echo $(($(cpu_ticks "${PIDS[b]}") - before_b)) >"$RAW/$case.run$run.b.cpu"
    echo "   round $run: $A $(grep -h 'Requests/sec' "$RAW/$case.run$run.a.txt")," \
      "$B $(grep -h 'Requests/sec' "$RAW/$case.run$run.b.txt")" >&2
  done
done
uptime | tee "$RAW/uptime-end.txt" >&2
stop_servers

/usr/bin/python3 benchmarks/tls_report.py "$RAW" "$A" "$B" "$CASES" "$RUNS" "$(getconf CLK_TCK)" | tee "$OUT"
echo "report: $OUT" >&2
