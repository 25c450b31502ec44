#!/usr/bin/env bash
# Sustained load on the example server with wrk: reports wrk's errors and the server's heap after a
# full GC, before and after the run. Not run by CI (the test suite runs LoadSmokeTest instead).
#
#   scripts/load.sh [SECONDS=60] [CONNECTIONS=256] [PORT=8899]
#
# Runs wrk on / and then on /sleep?ms=10 (a coroutine awaiting a timer), each for SECONDS, after a
# warm-up.
#
# Installs wrk with apt-get when it is missing. Exits 1 if wrk saw any socket error or non-2xx answer.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-60}
CONNECTIONS=${2:-256}
PORT=${3:-8899}
THREADS=${WRK_THREADS:-4}
URL="http://127.0.0.1:${PORT}/"

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk
fi

mkdir -p target
echo "== building and starting the example server on port ${PORT}"
mvn -B -q -pl example -am -Dmaven.test.skip=true package exec:java \
  -Dexec.args="--port ${PORT}" >target/load-server.log 2>&1 &
SERVER=$!   # mvn execs java: this is the server's JVM
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  if curl -fs "$URL" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
curl -fs "$URL" >/dev/null || { echo "server did not start; see target/load-server.log"; exit 1; }

heap() {
  jcmd "$SERVER" GC.run >/dev/null
  jcmd "$SERVER" GC.heap_info | grep -iE "used|total" | head -2
}
# A cold JVM compiles its hot paths during the first seconds; on two cores shared with wrk that
# stalls some requests past wrk's 2 s timeout. Warm up first, as any load test does.
echo "== warm-up: 15s on ${URL} and ${URL}sleep?ms=10 (not counted)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d15s "$URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "${URL}sleep?ms=10" >/dev/null

echo "== heap before (after a full GC)"
heap

OUT=""
for path in "" "sleep?ms=10"; do
  echo "== wrk: ${SECONDS_TO_RUN}s, ${CONNECTIONS} connections, ${THREADS} threads, ${URL}${path}"
  RUN=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_TO_RUN}s" --latency "${URL}${path}")
  echo "$RUN"
  OUT="$OUT$RUN"
done

echo "== heap after (after a full GC)"
heap

if echo "$OUT" | grep -qE "Socket errors|Non-2xx"; then
  echo "== FAILED: wrk reported errors"
  exit 1
fi
echo "== OK: no errors"
