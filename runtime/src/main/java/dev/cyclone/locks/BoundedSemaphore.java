package dev.cyclone.locks;

/**
 * A {@link Semaphore} that refuses to be released more often than acquired: Tornado's {@code
 * locks.BoundedSemaphore}. Releasing beyond the starting count is a bug in the caller and fails at
 * once. Belongs to one loop; see the package documentation.
 */
public class BoundedSemaphore extends Semaphore {
  private final int initial;

  /** A bounded semaphore with one permit. */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * A bounded semaphore with {@code value} permits, which is also its ceiling.
   *
   * @throws IllegalArgumentException tagged {@code [SemaphoreValue]} when {@code value} is negative
   */
  public BoundedSemaphore(int value) {
    this(value, "BoundedSemaphore");
  }

  BoundedSemaphore(int value, String kind) {
    super(value, kind);
    this.initial = value;
  }

  /**
   * Gives a permit back, as {@link Semaphore#release()}.
   *
   * @throws IllegalStateException tagged {@code [SemaphoreOverRelease]} when every permit is
   *     already free
   */
  @Override
  public void release() {
    owner().check("release");
    if (value() >= initial) {
      throw new IllegalStateException(
          "[SemaphoreOverRelease] "
              + kind()
              + " released more times than acquired: all "
              + initial
              + " permits are already free. Release only a permit you acquired.");
    }
    super.release();
  }
}
