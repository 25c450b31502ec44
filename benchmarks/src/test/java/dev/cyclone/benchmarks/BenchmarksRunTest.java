package dev.cyclone.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    Options options = new OptionsBuilder()
        .include("dev.cyclone.benchmarks.*")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(200))
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    assertFalse(results.isEmpty());
    assertEquals(4, results.size(), "benchmarks run: " + results.size());
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
    } finally {
      b.tearDown();
    }
  }
}
