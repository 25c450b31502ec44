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
}
