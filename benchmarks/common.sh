# Shared by the benchmark scripts (held.sh, timers.sh, websocket.sh, load.sh, tls.sh): source it
# from the repository's root.

# Builds the benchmark servers and sets CP to their classpath.
build_benchmarks() {
  echo "Building the benchmark servers..." >&2
  mvn -B -q -pl benchmarks -am -Dmaven.test.skip=true package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
  CP="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
}

# The server started last (its PID in SERVER_PID), stopped on exit too.
SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
trap stop_server EXIT

# The servers a script runs several at once (load.sh, tls.sh), by key in PIDS; stops them all. A
# script that uses it sets `trap stop_servers EXIT` itself.
declare -A PIDS
stop_servers() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}

cpu_ticks() { # pid: user + system clock ticks of the process and of its descendants (nginx's and
  # Tornado's workers), each read from /proc while it runs
  local pids=("$1") i=0 total=0 pid
  while [ "$i" -lt "${#pids[@]}" ]; do
    # shellcheck disable=SC2207
    pids+=($(pgrep -P "${pids[$i]}" || true))
    i=$((i + 1))
  done
  for pid in "${pids[@]}"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
