package dev.cyclone.processor.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What running one coroutine showed: the value its future completed with, or the exception it
 * failed with, and the trace the body recorded through {@code Fx.log}.
 *
 * @param value the future's value (null when it failed)
 * @param failure the future's failure, unwrapped from {@code CompletionException}; or what the call
 *     itself threw
 * @param trace what the body logged, in order
 * @param callThrew true when the method call itself threw instead of returning a future (right for
 *     the blocking oracle, a bug for a compiled coroutine)
 */
public record Outcome(Object value, Throwable failure, List<String> trace, boolean callThrew) {
  public Outcome {
    trace = List.copyOf(trace);
  }

  /** True when the future completed normally. */
  public boolean succeeded() {
    return failure == null;
  }

  /**
   * A comparable description: the trace, then the value (class and text) or the failure (class,
   * message, suppressed and cause, recursively). Equal descriptions mean the same observable
   * behaviour.
   */
  public String describe() {
    return "trace " + trace + "\n" + (failure == null ? "value " + describeValue(value) : "failure " + describeFailure(failure));
  }

  /** {@code "java.lang.String:abc"}, arrays deeply, null as {@code "null"}. */
  public static String describeValue(Object value) {
    if (value == null) {
      return "null";
    }
    String text =
        value instanceof Object[]
            ? Arrays.deepToString((Object[]) value)
            : value.getClass().isArray() ? Arrays.deepToString(new Object[] {value}) : String.valueOf(value);
    return value.getClass().getName() + ":" + text;
  }

  /** Class and message, then {@code suppressed[...]} and {@code cause(...)} when present. */
  public static String describeFailure(Throwable t) {
    StringBuilder out = new StringBuilder(t.getClass().getName()).append(": ").append(message(t));
    Throwable[] suppressed = t.getSuppressed();
    if (suppressed.length > 0) {
      List<String> parts = new ArrayList<>();
      for (Throwable s : suppressed) {
        parts.add(describeFailure(s));
      }
      out.append(" suppressed").append(parts);
    }
    if (t.getCause() != null && t.getCause() != t) {
      out.append(" cause(").append(describeFailure(t.getCause())).append(')');
    }
    return out.toString();
  }

  /**
   * The message, without what depends on how the code was compiled rather than what it means: a
   * NullPointerException's helpful message names bytecode-level places (a local or a hoisted field),
   * so only its type counts; identity hashes ({@code @1b6d3586}) of class loaders are dropped.
   */
  static String message(Throwable t) {
    if (t instanceof NullPointerException) {
      return "(any message)";
    }
    String m = t.getMessage();
    return m == null ? null : m.replaceAll("@[0-9a-f]{4,}", "@…");
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public String toString() {
    return describe() + (callThrew ? "\n(thrown by the call itself)" : "");
  }
}
