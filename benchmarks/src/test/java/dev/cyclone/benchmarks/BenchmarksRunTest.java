package dev.cyclone.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.benchmarks.servers.VirtualThreads;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every JMH benchmark once, in this JVM, with a single short iteration, so that they keep
 * compiling and running. The figures mean nothing here; BENCHMARKS.md has the real run.
 */
class BenchmarksRunTest {
  @Test
  void everyBenchmarkRuns() throws Exception {
    // JMH takes a machine-wide lock against concurrent measurements; this smoke run measures nothing
    System.setProperty("jmh.ignoreLock", "true");
    OptionsBuilder builder = new OptionsBuilder();
    builder.include("dev.cyclone.benchmarks.*");
    if (!VirtualThreads.available()) {
      builder.exclude(".*VirtualThread.*"); // Java 17: no virtual threads to compare with
    }
    Options options = builder
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .shouldFailOnError(true)
        // JMH's report, and its warnings that a run in this JVM is no measurement (it is not
        // meant to be), go to a file rather than the build's output.
        .output("target/jmh-smoke-run.txt")
        .build();
    Collection<RunResult> results = new Runner(options).run();
    assertFalse(results.isEmpty());
    int expected = VirtualThreads.available() ? 11 : 9;
    assertEquals(expected, results.size(), "benchmarks run: " + results.size());
  }

  @Test
  void bothWaysComputeTheSameSum() {
    AwaitBenchmark b = new AwaitBenchmark();
    b.setUp();
    try {
      long expected = (long) AwaitBenchmark.N * (AwaitBenchmark.N - 1) / 2;
      assertEquals(expected, b.completedAwait());
      assertEquals(expected, b.completedThenCompose());
      assertEquals(expected, b.suspendAwait());
      assertEquals(expected, b.suspendThenCompose());
      assertEquals(expected, b.completedCallAwait());
      assertEquals(expected, b.completedCallThenCompose());
    } finally {
      b.tearDown();
    }
  }

  @Test
  void virtualThreadsRunOrSayWhichJdkToUse() throws Exception {
    AwaitBenchmark b = new AwaitBenchmark();
    AwaitBenchmark.VirtualThreadState vt = new AwaitBenchmark.VirtualThreadState();
    b.setUp();
    try {
      if (VirtualThreads.available()) {
        vt.setUp();
        long expected = (long) AwaitBenchmark.N * (AwaitBenchmark.N - 1) / 2;
        assertEquals(expected, b.completedVirtualThread(vt));
        assertEquals(expected, b.suspendVirtualThread(vt));
      } else {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, vt::setUp);
        assertTrue(e.getMessage().startsWith("[NoVirtualThreads]"), e.getMessage());
      }
    } finally {
      vt.tearDown();
      b.tearDown();
    }
  }
}
