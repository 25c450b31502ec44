package dev.cyclone.queues;

import java.util.Comparator;

/**
 * A {@link Queue} that hands out its smallest item first: Tornado's {@code queues.PriorityQueue}.
 * Items that compare equal leave in no particular order; give them a tie-breaker (a sequence number,
 * as Tornado users put in their tuples) when that matters.
 *
 * @param <T> the items' type
 */
public class PriorityQueue<T> extends Queue<T> {
  /** An unbounded queue of items in their natural order (they must be {@link Comparable}). */
  public PriorityQueue() {
    this(0);
  }

  /** A queue of at most {@code maxsize} items (0: unbounded) in their natural order. */
  public PriorityQueue(int maxsize) {
    this(maxsize, null);
  }

  /** A queue of at most {@code maxsize} items (0: unbounded), smallest by {@code order} first. */
  public PriorityQueue(int maxsize, Comparator<? super T> order) {
    super(maxsize, new java.util.PriorityQueue<>(order));
  }
}
