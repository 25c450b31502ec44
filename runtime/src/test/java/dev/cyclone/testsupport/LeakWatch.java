package dev.cyclone.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Finds leaks in tests. Netty's leak detector is put at PARANOID (every buffer tracked; surefire
 * also sets {@code -Dio.netty.leakDetection.level=paranoid}) and its reports are collected here, so
 * that a test can fail on them instead of leaving a log line nobody reads; and objects can be
 * watched through weak references, to prove nothing retains them once their work is over.
 */
public final class LeakWatch {
  private static final List<String> leaks = new CopyOnWriteArrayList<>();

  static {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    ByteBufUtil.setLeakListener((resourceType, records) -> leaks.add(resourceType + ": " + records));
  }

  private final List<WeakReference<Object>> watched = new CopyOnWriteArrayList<>();

  /** A watch; from now on Netty's leak reports are collected. */
  public LeakWatch() {}

  /** Watches {@code o}: {@link #assertCollected} fails while it is still reachable. */
  public void watch(Object o) {
    watched.add(new WeakReference<>(o));
  }

  /** How many watched objects are still reachable (after a GC). */
  public int alive() {
    gc();
    int n = 0;
    for (WeakReference<Object> ref : watched) {
      if (ref.get() != null) {
        n++;
      }
    }
    return n;
  }

  /** Fails unless every watched object is collected within a few GCs. */
  public void assertCollected() {
    if (!eventually(() -> alive() == 0)) {
      fail(alive() + " of " + watched.size() + " watched objects are still reachable");
    }
  }

  /**
   * Fails if Netty reported a leaked buffer. Runs GCs and allocates tracked buffers first, since the
   * detector only notices a leak when a collected buffer's tracker is dequeued on a later allocation.
   */
  public static void assertNoBufferLeaks() {
    for (int round = 0; round < 3; round++) {
      gc();
      List<ByteBuf> probes = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        probes.add(ByteBufAllocator.DEFAULT.buffer(64));
        probes.add(ByteBufAllocator.DEFAULT.directBuffer(64));
      }
      probes.forEach(ByteBuf::release);
    }
    List<String> found = new ArrayList<>(leaks);
    leaks.removeAll(found); // reported once: a later test starts clean
    assertTrue(found.isEmpty(), () -> "Netty reported leaked buffers:\n" + String.join("\n", found));
  }

  /** Heap in use after a GC, in bytes. */
  public static long usedHeapAfterGc() {
    gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static boolean eventually(BooleanSupplier condition) {
    for (int i = 0; i < 20; i++) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  private static void gc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
      System.runFinalization();
    }
  }
}
