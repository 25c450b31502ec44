package dev.cyclone.concurrent;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for the JDK's futures, shared by the runtime. */
public final class Futures {
  private Futures() {}

  /**
   * The failure a stage completed with, without the JDK's wrappers: the cause of any {@link
   * CompletionException} or {@link ExecutionException} around it. Safe on any thread.
   */
  public static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
