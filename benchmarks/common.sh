# Shared by the benchmark scripts that run one server at a time (held.sh, timers.sh): source it
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
