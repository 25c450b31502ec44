package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.ioloop.Transports;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default access log's hand-over from loops to its writer thread ({@link AccessLog}), with a
 * sink of the test's own in place of SLF4J: every line arrives, in each loop's order, on the writer
 * thread, without a loop ever waking it; a full queue drops and counts; disabled levels are not
 * queued.
 */
class AccessLogTest {
  private final EventLoopGroup loops = Transports.newGroup(2, "access-log-test");

  @AfterEach
  void closeLoops() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static void record(EventExecutor loop, AccessLog log, int status, String uri) {
    AccessLog.record(loop, log, status, "GET", uri, "127.0.0.1", System.nanoTime(), System.nanoTime());
  }

  @Test
  void everyLoopsLinesArriveInTheirOrderOnTheWriterThread() throws Exception {
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    AccessLog log =
        new AccessLog("access-test-writer", status -> true,
            r -> seen.add(Thread.currentThread().getName() + " " + r.uri()), lost -> {});
    List<EventExecutor> two = List.of(loops.next(), loops.next());
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (EventExecutor loop : two) {
      String name = two.indexOf(loop) == 0 ? "a" : "b";
      // 20 turns of each loop, 50 responses a turn: 20 hand-overs per loop
      for (int turn = 0; turn < 20; turn++) {
        int t = turn;
        done.add(CompletableFuture.runAsync(() -> {
          for (int i = 0; i < 50; i++) {
            record(loop, log, 200, "/" + name + "/" + (t * 50 + i));
          }
        }, loop));
      }
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (seen.size() < 2_000 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(2_000, seen.size(), "lines lost or late");
    int nextA = 0;
    int nextB = 0;
    for (String line : seen) {
      assertTrue(line.startsWith("access-test-writer /"), line);
      String uri = line.substring(line.indexOf(' ') + 1);
      if (uri.startsWith("/a/")) {
        assertEquals("/a/" + nextA++, uri, "loop a's lines out of order");
      } else {
        assertEquals("/b/" + nextB++, uri, "loop b's lines out of order");
      }
    }
  }

  @Test
  void aFullQueueDropsAndCountsTheLinesInsteadOfWaiting() throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    AtomicLong written = new AtomicLong();
    CompletableFuture<Long> reported = new CompletableFuture<>();
    AccessLog log =
        new AccessLog("access-test-stuck", status -> true,
            r -> {
              try {
                stuck.await(); // a console that stopped reading
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              written.incrementAndGet();
            },
            reported::complete);
    EventExecutor loop = loops.next();
    int offered = AccessLog.CAPACITY + 100;
    // From outside the loop each record is a hand-over of its own: the queue fills after CAPACITY.
    long start = System.nanoTime();
    for (int i = 0; i < offered; i++) {
      record(loop, log, 200, "/" + i);
    }
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(tookMillis < 2_000, "recording waited for the stuck writer: " + tookMillis + " ms");

    stuck.countDown();
    long lost = reported.get(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (written.get() + lost < offered && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    // The writer may have taken the first before the rest filled the queue: 99 or 100 dropped.
    assertTrue(lost == 99 || lost == 100, "dropped " + lost);
    assertEquals(offered, written.get() + lost, "a line neither written nor counted as dropped");
  }

  @Test
  void aLevelThatIsOffQueuesNothing() throws Exception {
    ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
    AccessLog log = new AccessLog("access-test-warn", status -> status >= 400, r -> seen.add(r.status()), lost -> {});
    EventExecutor loop = loops.next();
    CompletableFuture.runAsync(() -> {
      record(loop, log, 200, "/ok");
      record(loop, log, 404, "/missing");
      record(loop, log, 304, "/cached");
      record(loop, log, 500, "/broken");
    }, loop).get(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (seen.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(3 * AccessLog.WRITE_INTERVAL_MS); // anything else queued would arrive by now
    assertEquals(List.of(404, 500), List.copyOf(seen));
  }
}
