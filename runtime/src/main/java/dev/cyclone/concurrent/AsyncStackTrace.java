package dev.cyclone.concurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Async stack traces: a failure that leaves coroutines after a suspension carries them in its stack
 * trace, in the user's terms, as Kotlin's debug mode and .NET's async stack traces show the logical
 * call chain. Where a failure's own trace would go on into the loop that resumed the coroutine, it
 * goes on instead with the coroutines that were awaiting it, innermost first, each at the line of
 * the {@code await} it last resumed from, marked {@code async/}:
 *
 * <pre>
 * java.io.IOException: upstream closed
 *     at example.CoroutineHandler_Coroutines$FetchImage$Coroutine.resume$(CoroutineHandler_Coroutines.java:84)
 *     at async/example.CoroutineHandler.fetchImage(CoroutineHandler.java:62)
 *     at async/example.CoroutineHandler.get(CoroutineHandler.java:51)
 * </pre>
 *
 * <p>A frame is added only when a failure leaves a coroutine that has suspended: a chain that never
 * suspended is all on the real stack already. So nothing is spent while nothing fails, and the
 * failure itself (its class, message, cause and suppressed exceptions) is untouched. At most
 * {@link #MAX_FRAMES} are added to one failure, so that an exception object thrown over and over does
 * not grow. {@code -Dcyclone.asyncStackTraces=false} turns it off.
 */
public final class AsyncStackTrace {
  /** The module name that marks an async frame: {@code at async/p.Foo.bar(Foo.java:12)}. */
  public static final String MODULE = "async";
  /** The most async frames added to one failure. */
  static final int MAX_FRAMES = 64;
  /** On unless {@code -Dcyclone.asyncStackTraces=false}. */
  static final boolean ENABLED = !"false".equals(System.getProperty("cyclone.asyncStackTraces"));

  private AsyncStackTrace() {}

  /**
   * Adds {@code coroutine}, which {@code failure} is leaving, to the failure's async frames. On the
   * first, the loop's frames below the coroutine's body are cut. Called on the coroutine's loop.
   */
  static void append(Throwable failure, AbstractCoroutine<?> coroutine) {
    if (!ENABLED || failure == null) {
      return;
    }
    StackTraceElement where = coroutine.frame$();
    if (where == null) {
      return;
    }
    StackTraceElement frame = new StackTraceElement(null, MODULE, null,
        where.getClassName(), where.getMethodName(), where.getFileName(), where.getLineNumber());
    synchronized (failure) {
      StackTraceElement[] trace = failure.getStackTrace();
      int asyncFrames = frames(trace).size();
      if (asyncFrames >= MAX_FRAMES) {
        return;
      }
      int keep = trace.length;
      if (asyncFrames == 0) {
        String body = coroutine.getClass().getName();
        for (int i = 0; i < trace.length; i++) {
          if (trace[i].getClassName().equals(body) && trace[i].getMethodName().equals("resume$")) {
            keep = i + 1; // what lies below the body is the loop that resumed it
            break;
          }
        }
      }
      StackTraceElement[] more = Arrays.copyOf(trace, keep + 1);
      more[keep] = frame;
      failure.setStackTrace(more); // a no-op for a failure made without a writable stack trace
    }
  }

  /** The async frames of {@code failure}, innermost first; empty when it has none. */
  public static List<StackTraceElement> of(Throwable failure) {
    return frames(failure.getStackTrace());
  }

  private static List<StackTraceElement> frames(StackTraceElement[] trace) {
    List<StackTraceElement> out = new ArrayList<>();
    for (StackTraceElement e : trace) {
      if (MODULE.equals(e.getModuleName()) && e.getClassLoaderName() == null) {
        out.add(e);
      }
    }
    return out;
  }
}
