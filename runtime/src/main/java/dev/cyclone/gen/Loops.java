package dev.cyclone.gen;

import dev.cyclone.ioloop.IOLoop;

/** Running a step on a given loop: at once when already there, else at the loop's next turn. */
final class Loops {
  private Loops() {}

  static void onLoop(IOLoop loop, Runnable step) {
    if (loop.inLoop()) {
      step.run();
    } else {
      loop.addCallback(step);
    }
  }

  /** The failure a stage completed with, without JDK wrappers. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
