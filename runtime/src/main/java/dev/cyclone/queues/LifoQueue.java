package dev.cyclone.queues;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A {@link Queue} that hands out the item put last first: Tornado's {@code queues.LifoQueue}.
 *
 * @param <T> the items' type
 */
public class LifoQueue<T> extends Queue<T> {
  /** An unbounded stack. */
  public LifoQueue() {
    this(0);
  }

  /** A stack of at most {@code maxsize} items; 0 means unbounded. */
  public LifoQueue(int maxsize) {
    super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
  }
}
