package dev.cyclone.benchmarks.servers;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Virtual threads, reached by reflection: the benchmarks compile with {@code --release 17}, which
 * has none, and run on whatever JDK {@code JAVA_HOME} names.
 */
public final class VirtualThreads {
  private VirtualThreads() {}

  /** True when this JVM has virtual threads (Java 21 and later). */
  public static boolean available() {
    try {
      Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  /**
   * {@code Executors.newVirtualThreadPerTaskExecutor()}; fails with an {@link
   * UnsupportedOperationException} naming the JDK to use on a JVM without virtual threads.
   */
  public static ExecutorService perTaskExecutor() {
    try {
      return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      throw new UnsupportedOperationException(
          "[NoVirtualThreads] this JVM (" + Runtime.version() + ") has no virtual threads;"
              + " run with JAVA_HOME set to a JDK 21 or later");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
