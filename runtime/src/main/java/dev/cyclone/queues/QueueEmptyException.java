package dev.cyclone.queues;

/** Thrown by {@link Queue#getNowait()} when there is no item: Tornado's {@code QueueEmpty}. */
public final class QueueEmptyException extends RuntimeException {
  QueueEmptyException(String message) {
    super(message);
  }
}
