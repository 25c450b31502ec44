package dev.cyclone.testing;

import dev.cyclone.ioloop.IOLoop;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;

/**
 * A JUnit 5 base class for tests of asynchronous code, Tornado's {@code AsyncTestCase} with {@code
 * gen_test}: each test gets an {@link IOLoop} of its own, and {@link #runSync} runs a coroutine (or
 * any future-returning code) on it and waits, at most {@link #getAsyncTestTimeout()}.
 *
 * <pre>{@code
 * class CacheTest extends AsyncTestCase {
 *   final Cache cache = new Cache_Coroutines();
 *
 *   @Test
 *   void getAfterPut() {
 *     assertEquals("v", runSync(() -> cache.putThenGet("k", "v")));
 *   }
 * }
 * }</pre>
 *
 * <p>The test method runs on JUnit's thread; the code given to {@link #runSync} runs on the loop.
 */
public abstract class AsyncTestCase {
  private IOLoop ioLoop;

  /** How long {@link #runSync} and {@link #waitFor} wait: 5 s unless {@code cyclone.asyncTestTimeout} (seconds). */
  protected Duration getAsyncTestTimeout() {
    String seconds = System.getProperty("cyclone.asyncTestTimeout");
    return seconds == null ? Duration.ofSeconds(5) : Duration.ofMillis((long) (Double.parseDouble(seconds) * 1000));
  }

  /** A loop of this test's own, created on first use and closed after the test. */
  protected final IOLoop ioLoop() {
    if (ioLoop == null) {
      ioLoop = IOLoop.create("cyclone-test");
    }
    return ioLoop;
  }

  /** Closes the test's loop; JUnit calls it after each test. */
  @AfterEach
  protected void tearDownIOLoop() {
    if (ioLoop != null) {
      ioLoop.close();
      ioLoop = null;
    }
  }

  /**
   * Runs {@code fn} on {@link #ioLoop()} and waits at most {@link #getAsyncTestTimeout()} for the
   * stage it returns: Tornado's {@code gen_test}. Returns its value or throws its exception; a
   * timeout fails with a {@link CompletionException} caused by a {@link TimeoutException}.
   */
  protected final <T> T runSync(Supplier<? extends CompletionStage<T>> fn) {
    return ioLoop().runSync(fn, getAsyncTestTimeout());
  }

  /**
   * Waits at most {@link #getAsyncTestTimeout()} for {@code stage} and returns its value (named so
   * as not to shadow {@code Coroutines.await} in code declared inside a test); fails with an {@link
   * AssertionError} on timeout, rethrows its exception (unwrapped) otherwise.
   */
  protected final <T> T waitFor(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(getAsyncTestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("[AsyncTestTimeout] no result within " + getAsyncTestTimeout(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new CompletionException(cause);
    }
  }
}
