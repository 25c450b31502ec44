package dev.cyclone.queues;

/** Thrown by {@link Queue#putNowait} when the queue is at its maxsize: Tornado's {@code QueueFull}. */
public final class QueueFullException extends RuntimeException {
  QueueFullException(String message) {
    super(message);
  }
}
