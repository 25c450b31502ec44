#!/usr/bin/env bash
# Builds the benchmarks and runs JMH in forked JVMs: benchmarks/jmh.sh [JMH options...]
# e.g. benchmarks/jmh.sh AwaitBenchmark -prof gc
# JAVA_HOME picks the JDK the benchmarks run on (the build itself uses the default JDK).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am -Dmaven.test.skip=true package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main "$@"
