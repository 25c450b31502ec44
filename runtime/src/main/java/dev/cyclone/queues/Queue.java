package dev.cyclone.queues;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.ioloop.Timeout;
import dev.cyclone.locks.Event;
import dev.cyclone.locks.LoopOwner;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A first-in, first-out queue for coroutines of one loop: Tornado's {@code queues.Queue}. With a
 * {@code maxsize}, {@link #put} waits while the queue is full; {@link #get} waits while it is empty.
 * {@link #taskDone()} and {@link #join()} let a producer wait until consumers finished every item.
 *
 * <p>Subclasses choose the order items leave in by the storage they pass to {@link
 * #Queue(int, java.util.Queue)}. Items must not be null. Belongs to one loop; see the package
 * documentation.
 *
 * @param <T> the items' type
 */
public class Queue<T> {
  private final LoopOwner owner;
  private final int maxsize;
  private final java.util.Queue<T> items;
  private final ArrayDeque<Getter<T>> getters = new ArrayDeque<>();
  private final ArrayDeque<Putter<T>> putters = new ArrayDeque<>();
  /** Set when the last unfinished task is marked done; cleared by every new item. */
  private final Event finished = new Event();
  private int unfinishedTasks;

  /** An unbounded queue. */
  public Queue() {
    this(0);
  }

  /**
   * A queue holding at most {@code maxsize} items; 0 means unbounded.
   *
   * @throws IllegalArgumentException tagged {@code [QueueMaxsize]} when {@code maxsize} is negative
   */
  public Queue(int maxsize) {
    this(maxsize, new ArrayDeque<>());
  }

  /**
   * A queue that keeps its items in {@code storage}, whose {@code add} and {@code poll} decide the
   * order: the constructor subclasses use. {@code storage} must be empty and used by nothing else.
   */
  protected Queue(int maxsize, java.util.Queue<T> storage) {
    if (maxsize < 0) {
      throw new IllegalArgumentException(
          "[QueueMaxsize] maxsize must be 0 (unbounded) or more, got " + maxsize);
    }
    this.maxsize = maxsize;
    this.items = Objects.requireNonNull(storage, "storage");
    this.owner = new LoopOwner(getClass().getSimpleName());
  }

  /** The most items the queue holds; 0 means unbounded. */
  public int maxsize() {
    return maxsize;
  }

  /** The number of items in the queue now. */
  public int qsize() {
    owner.check("qsize");
    return items.size();
  }

  /** True when the queue holds no item. */
  public boolean isEmpty() {
    owner.check("isEmpty");
    return items.isEmpty();
  }

  /** True when the queue holds {@code maxsize} items, so {@link #put} would wait. */
  public boolean isFull() {
    owner.check("isFull");
    return maxsize > 0 && items.size() >= maxsize;
  }

  /**
   * Puts {@code item} in the queue; the returned future completes (on this loop) once it is in: at
   * once if there is room, else when a {@link #get} makes room for it.
   */
  public CompletableFuture<Void> put(T item) {
    return put(item, null);
  }

  /**
   * As {@link #put(Object)}, failing with a {@link TimeoutException} if there was no room within
   * {@code timeout} (null waits forever); the item is then not put.
   */
  public CompletableFuture<Void> put(T item, Duration timeout) {
    IOLoop loop = owner.check("put");
    requireItem(item);
    if (!isFull() || pendingGetters()) {
      putNowait(item);
      return CompletableFuture.completedFuture(null);
    }
    Putter<T> putter = new Putter<>(item);
    putters.add(putter);
    expireLater(loop, putter.future, timeout, "put", () -> putters.remove(putter));
    return putter.future;
  }

  /**
   * Puts {@code item} in the queue without waiting. A waiting getter, if any, receives it before
   * this method returns.
   *
   * @throws QueueFullException when the queue is full
   */
  public void putNowait(T item) {
    owner.check("putNowait");
    requireItem(item);
    Getter<T> getter = pollGetter();
    if (getter != null) {
      // The queue is empty while getters wait: the item passes straight through it.
      store(item);
      getter.future.complete(items.poll());
    } else if (isFull()) {
      throw new QueueFullException("queue is full (maxsize " + maxsize + ")");
    } else {
      store(item);
    }
  }

  /**
   * Takes an item; the returned future completes (on this loop) with it: at once if there is one,
   * else when a {@link #put} brings one.
   */
  public CompletableFuture<T> get() {
    return get(null);
  }

  /**
   * As {@link #get()}, failing with a {@link TimeoutException} if no item came within {@code
   * timeout} (null waits forever).
   */
  public CompletableFuture<T> get(Duration timeout) {
    IOLoop loop = owner.check("get");
    if (!items.isEmpty() || pendingPutters()) {
      return CompletableFuture.completedFuture(getNowait());
    }
    Getter<T> getter = new Getter<>();
    getters.add(getter);
    expireLater(loop, getter.future, timeout, "get", () -> getters.remove(getter));
    return getter.future;
  }

  /**
   * Takes an item without waiting. The oldest waiting putter, if any, gets its item into the queue
   * (and its future completed) before this method returns.
   *
   * @throws QueueEmptyException when there is no item
   */
  public T getNowait() {
    owner.check("getNowait");
    Putter<T> putter = pollPutter();
    if (putter != null) {
      // Putters wait only while the queue is full. The waiting item joins before one leaves, so
      // ordered subclasses weigh it too (as Tornado's queues do).
      store(putter.item);
      T item = items.poll();
      putter.future.complete(null);
      return item;
    }
    if (items.isEmpty()) {
      throw new QueueEmptyException("queue is empty");
    }
    return items.poll();
  }

  /**
   * Marks one item taken from the queue as processed. When every item ever put has been marked,
   * {@link #join()} completes.
   *
   * @throws IllegalStateException tagged {@code [TaskDoneTooManyTimes]} when called more often than
   *     items were put
   */
  public void taskDone() {
    owner.check("taskDone");
    if (unfinishedTasks <= 0) {
      throw new IllegalStateException(
          "[TaskDoneTooManyTimes] taskDone() was called more times than items were put; call it once"
              + " per item taken with get()");
    }
    unfinishedTasks--;
    if (unfinishedTasks == 0) {
      finished.set();
    }
  }

  /** A future completed (on this loop) when every item put so far has been marked {@link #taskDone()}. */
  public CompletableFuture<Void> join() {
    return join(null);
  }

  /**
   * As {@link #join()}, failing with a {@link TimeoutException} if the items were not all done
   * within {@code timeout} (null waits forever).
   */
  public CompletableFuture<Void> join(Duration timeout) {
    owner.check("join");
    if (unfinishedTasks == 0) {
      return CompletableFuture.completedFuture(null);
    }
    return finished.waitFor(timeout);
  }

  /** The number of waiting getters (for tests and diagnostics). */
  int getterCount() {
    getters.removeIf(g -> g.future.isDone());
    return getters.size();
  }

  /** The number of waiting putters (for tests and diagnostics). */
  int putterCount() {
    putters.removeIf(p -> p.future.isDone());
    return putters.size();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("<").append(getClass().getSimpleName());
    s.append(" maxsize=").append(maxsize);
    s.append(" queue=").append(items);
    if (!getters.isEmpty()) {
      s.append(" getters[").append(getters.size()).append(']');
    }
    if (!putters.isEmpty()) {
      s.append(" putters[").append(putters.size()).append(']');
    }
    if (unfinishedTasks > 0) {
      s.append(" tasks=").append(unfinishedTasks);
    }
    return s.append('>').toString();
  }

  private void store(T item) {
    unfinishedTasks++;
    finished.clear();
    items.add(item);
  }

  private boolean pendingGetters() {
    return getterCount() > 0;
  }

  private boolean pendingPutters() {
    return putterCount() > 0;
  }

  private Getter<T> pollGetter() {
    Getter<T> getter;
    while ((getter = getters.poll()) != null) {
      if (!getter.future.isDone()) {
        return getter;
      }
    }
    return null;
  }

  private Putter<T> pollPutter() {
    Putter<T> putter;
    while ((putter = putters.poll()) != null) {
      if (!putter.future.isDone()) {
        return putter;
      }
    }
    return null;
  }

  private void expireLater(
      IOLoop loop, CompletableFuture<?> future, Duration timeout, String operation, Runnable leave) {
    if (timeout == null) {
      return;
    }
    Timeout timer =
        loop.callLater(
            timeout,
            () -> {
              if (!future.isDone()) {
                leave.run();
                future.completeExceptionally(
                    new TimeoutException(
                        getClass().getSimpleName() + "." + operation + "() timed out after " + timeout));
              }
            });
    future.whenComplete((v, t) -> timer.cancel());
  }

  private static void requireItem(Object item) {
    if (item == null) {
      throw new NullPointerException("[QueueNullItem] a queue's items must not be null");
    }
  }

  private static final class Getter<T> {
    final CompletableFuture<T> future = new CompletableFuture<>();
  }

  private static final class Putter<T> {
    final T item;
    final CompletableFuture<Void> future = new CompletableFuture<>();

    Putter(T item) {
      this.item = item;
    }
  }
}
