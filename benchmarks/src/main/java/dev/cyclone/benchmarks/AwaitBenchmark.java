package dev.cyclone.benchmarks;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.benchmarks.servers.VirtualThreads;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
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
 * The cost of one await, against the same step written with {@code thenCompose} and (on a JDK with
 * them) with a virtual thread blocking in {@code join()}: on an already completed future (the fast
 * path: no suspension), through a real suspension and resumption by the event loop, and as a whole
 * coroutine call with one await. Each invocation runs {@value #N} steps, so the scores are per
 * await (or per call). Run with {@code -prof gc} for the bytes allocated per step.
 *
 * <p>The {@code *VirtualThread} benchmarks need Java 21 or later: on 17 their setup fails with a
 * {@code [NoVirtualThreads]} message and JMH goes on with the others (run them with {@code
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/jmh.sh}).
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
  @SuppressWarnings({"unchecked", "rawtypes"})
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

  /** One coroutine call with one await on a completed future, {@value #N} times. */
  @Benchmark
  @OperationsPerInvocation(N)
  public long completedCallAwait() {
    return loop.runSync(() -> CompletableFuture.completedFuture(chains.callEachCoroutine(completed)));
  }

  /** The same call written with one thenCompose step, {@value #N} times. */
  @Benchmark
  @OperationsPerInvocation(N)
  public long completedCallThenCompose() {
    return loop.runSync(() -> CompletableFuture.completedFuture(chains.callEachThenCompose(completed)));
  }

  /** A virtual thread that joins {@value #N} completed futures (and is started and waited for). */
  @Benchmark
  @OperationsPerInvocation(N)
  public long completedVirtualThread(VirtualThreadState vt) throws Exception {
    return vt.executor.submit(() -> Chains.sumJoin(completed)).get();
  }

  /**
   * A virtual thread that parks {@value #N} times in join(), each future completed by a task on the
   * loop: the blocking-thread form of {@link #suspendAwait}.
   */
  @Benchmark
  @OperationsPerInvocation(N)
  public long suspendVirtualThread(VirtualThreadState vt) throws Exception {
    return vt.executor.submit(() -> Chains.suspendJoin(loop.eventLoop(), N)).get();
  }

  /** A virtual thread per task; its setup fails on a JVM without virtual threads (Java 17). */
  @State(Scope.Benchmark)
  public static class VirtualThreadState {
    ExecutorService executor;

    /** Fails with [NoVirtualThreads] before Java 21, so that JMH skips the benchmark. */
    @Setup(Level.Trial)
    public void setUp() {
      executor = VirtualThreads.perTaskExecutor();
    }

    /** Stops the executor. */
    @TearDown(Level.Trial)
    public void tearDown() {
      if (executor != null) {
        executor.shutdown();
      }
    }
  }
}
