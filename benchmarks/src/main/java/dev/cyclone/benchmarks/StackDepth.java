package dev.cyclone.benchmarks;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.ioloop.IOLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CompletableFuture;

/**
 * How many bytes of a loop thread's stack one level of a chain of coroutines takes when nothing
 * suspends (the user's method, its generated override, {@code start$}, the body): the deepest
 * {@code isEven(n)} that does not overflow a loop thread with a {@code STACK} KiB stack, and
 * STACK / that depth. Run with the stack guard off to see the raw cost:
 *
 * <pre>
 *   java -Dcyclone.coroutineNestingLimit=2147483647 -cp ... dev.cyclone.benchmarks.StackDepth [STACK_KIB=512]
 * </pre>
 *
 * With the guard on (the default), every depth completes and the search reports its ceiling.
 */
public class StackDepth {
  /** Mutual recursion that never suspends: each level awaits the other's completed future. */
  public static class Parity {
    @Coroutine
    public CompletableFuture<Boolean> isEven(int n) {
      if (n == 0) {
        return CompletableFuture.completedFuture(true);
      }
      return CompletableFuture.completedFuture(await(isOdd(n - 1)));
    }

    @Coroutine
    public CompletableFuture<Boolean> isOdd(int n) {
      if (n == 0) {
        return CompletableFuture.completedFuture(false);
      }
      return CompletableFuture.completedFuture(await(isEven(n - 1)));
    }
  }

  public static void main(String[] args) throws Exception {
    long stackKib = args.length > 0 ? Long.parseLong(args[0]) : 512;
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1,
            (java.util.concurrent.ThreadFactory)
                r -> new io.netty.util.concurrent.FastThreadLocalThread(null, r, "stack-probe", stackKib * 1024),
            NioIoHandler.newFactory());
    IOLoop loop = IOLoop.of(group.next());
    Parity parity = new StackDepth_Parity_Coroutines();
    int ceiling = 4_000_000;
    // warm up so that the frames measured are the JIT's, as in a running server
    for (int i = 0; i < 20_000; i++) {
      final int n = 300;
      loop.runSync(() -> parity.isEven(n));
    }
    int low = 0;
    int high = ceiling;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (survives(loop, parity, mid)) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    System.out.printf("stack %d KiB: deepest chain %d levels%s; %.0f bytes per level%n",
        stackKib, low, low == ceiling ? " (the search's ceiling: no overflow)" : "",
        stackKib * 1024.0 / Math.max(1, low));
    group.shutdownGracefully().sync();
  }

  private static boolean survives(IOLoop loop, Parity parity, int n) {
    try {
      return loop.runSync(() -> parity.isEven(n)) == (n % 2 == 0);
    } catch (StackOverflowError e) {
      return false;
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof StackOverflowError) {
          return false;
        }
      }
      throw e;
    }
  }
}
