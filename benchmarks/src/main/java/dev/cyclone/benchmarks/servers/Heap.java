package dev.cyclone.benchmarks.servers;

import java.lang.management.ManagementFactory;

/** The heap in use after full collections: what the held-requests test reads from each server. */
final class Heap {
  private Heap() {}

  /**
   * Collects a few times (a full GC each, with a pause for reference processing between), then
   * returns the bytes of heap in use. Blocks for a few hundred milliseconds: call it off the event
   * loops.
   */
  static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
