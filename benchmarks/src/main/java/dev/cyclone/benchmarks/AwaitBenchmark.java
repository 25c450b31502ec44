package dev.cyclone.benchmarks;

import dev.cyclone.ioloop.IOLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one await, against the same step written with {@code thenCompose}: on an already
 * completed future (the fast path: no suspension), and through a real suspension and resumption by
 * the event loop. Each invocation runs {@value #N} steps on the loop's thread, so the scores are per
 * await. Run with {@code -prof gc} for the bytes allocated per await.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Xss8m")
public class AwaitBenchmark {
  static final int N = 1000;

  private IOLoop loop;
  private Chains chains;
  private CompletableFuture<Integer>[] completed;

  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void setUp() {
    loop = IOLoop.create("bench-loop");
    chains = new Chains_Coroutines();
    completed = new CompletableFuture[N];
    for (int i = 0; i < N; i++) {
      completed[i] = CompletableFuture.completedFuture(i);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    loop.close();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long completedAwait() {
    return loop.runSync(() -> chains.sumCoroutine(completed));
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long completedThenCompose() {
    return loop.runSync(() -> chains.sumThenCompose(completed));
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long suspendAwait() {
    return loop.runSync(() -> chains.suspendCoroutine(loop.eventLoop(), N));
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long suspendThenCompose() {
    return loop.runSync(() -> chains.suspendThenCompose(loop.eventLoop(), N));
  }
}
