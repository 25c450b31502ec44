package dev.cyclone.gen;

import dev.cyclone.concurrent.Futures;

import dev.cyclone.ioloop.IOLoop;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes futures in the order they complete: Tornado's {@code gen.WaitIterator}.
 *
 * <pre>{@code
 * WaitIterator<Integer, HTTPResponse> it = WaitIterator.of(List.of(f1, f2, f3));
 * while (!it.done()) {
 *   try {
 *     HTTPResponse r = await(it.next());
 *     log.info("fetch {} done first", it.currentKey());
 *   } catch (HTTPClientError e) {
 *     log.warn("fetch {} failed", it.currentKey(), e);
 *   }
 * }
 * }</pre>
 *
 * <p>Each {@link #next()} gives a new future with the outcome (value or failure) of the input that
 * completed next; {@link #currentKey()} then names it. Threads: an iterator belongs to the loop of
 * the thread that created it; its futures complete there and its methods must be called there.
 *
 * @param <K> what identifies an input: its index in a list, or its key in a map
 * @param <T> the inputs' value type
 */
public final class WaitIterator<K, T> {
  private final IOLoop loop;
  private final ArrayDeque<Map.Entry<K, CompletionStage<? extends T>>> finished = new ArrayDeque<>();
  private int unfinished;
  private CompletableFuture<T> running;
  private K currentKey;
  private CompletionStage<? extends T> currentFuture;

  private WaitIterator(Map<K, ? extends CompletionStage<? extends T>> inputs) {
    this.loop = IOLoop.current();
    this.unfinished = inputs.size();
    for (Map.Entry<K, ? extends CompletionStage<? extends T>> input : inputs.entrySet()) {
      K key = input.getKey();
      CompletionStage<? extends T> stage = Objects.requireNonNull(input.getValue(), "future");
      stage.whenComplete((v, t) -> Loops.onLoop(loop, () -> completed(key, stage)));
    }
  }

  /** An iterator over {@code futures}; {@link #currentKey()} is the index of each in the list. */
  public static <T> WaitIterator<Integer, T> of(
      List<? extends CompletionStage<? extends T>> futures) {
    Map<Integer, CompletionStage<? extends T>> byIndex = new LinkedHashMap<>();
    for (int i = 0; i < futures.size(); i++) {
      byIndex.put(i, futures.get(i));
    }
    return new WaitIterator<>(byIndex);
  }

  /** An iterator over the values of {@code futures}; {@link #currentKey()} is each one's key. */
  public static <K, T> WaitIterator<K, T> of(
      Map<K, ? extends CompletionStage<? extends T>> futures) {
    return new WaitIterator<>(new LinkedHashMap<>(futures));
  }

  /**
   * True when every input has been handed out by {@link #next()} (and that future completed). Then
   * {@link #currentKey()} and {@link #currentFuture()} are cleared, as in Tornado.
   */
  public boolean done() {
    checkLoop("done");
    if (!finished.isEmpty() || unfinished > 0 || running != null) {
      return false;
    }
    currentKey = null;
    currentFuture = null;
    return true;
  }

  /**
   * A future with the outcome of the next input to complete, completed on this iterator's loop: at
   * once if one has completed already. It is a new future, never one of the inputs.
   *
   * @throws IllegalStateException tagged {@code [WaitIteratorDone]} after {@link #done()}, or
   *     {@code [WaitIteratorBusy]} while the future of the previous call is still pending
   */
  public CompletableFuture<T> next() {
    checkLoop("next");
    if (running != null) {
      throw new IllegalStateException(
          "[WaitIteratorBusy] next() was called while the previous next() is still pending; await"
              + " each next() before calling it again");
    }
    if (finished.isEmpty() && unfinished == 0) {
      throw new IllegalStateException(
          "[WaitIteratorDone] next() was called after every input was handed out; loop while"
              + " !done()");
    }
    running = new CompletableFuture<>();
    CompletableFuture<T> result = running;
    deliver();
    return result;
  }

  /** The key of the input whose outcome the last completed {@link #next()} future carries. */
  public K currentKey() {
    checkLoop("currentKey");
    return currentKey;
  }

  /** The input future whose outcome the last completed {@link #next()} future carries. */
  public CompletionStage<? extends T> currentFuture() {
    checkLoop("currentFuture");
    return currentFuture;
  }

  private void completed(K key, CompletionStage<? extends T> stage) {
    unfinished--;
    finished.add(Map.entry(key, stage));
    deliver();
  }

  private void deliver() {
    if (running == null || finished.isEmpty()) {
      return;
    }
    Map.Entry<K, CompletionStage<? extends T>> next = finished.poll();
    CompletableFuture<T> result = running;
    running = null;
    currentKey = next.getKey();
    currentFuture = next.getValue();
    next.getValue()
        .whenComplete(
            (value, failure) -> {
              if (failure != null) {
                result.completeExceptionally(Futures.unwrap(failure));
              } else {
                result.complete(value);
              }
            });
  }

  private void checkLoop(String method) {
    if (!loop.inLoop()) {
      throw new IllegalStateException(
          "[LoopConfined] WaitIterator."
              + method
              + "() was called off its loop "
              + loop
              + "; call it from the loop that created the iterator");
    }
  }
}
