package dev.cyclone.processor.testing;

import dev.cyclone.ioloop.IOLoop;

/** The one IOLoop the behaviour tests start compiled coroutines on; its thread is a daemon. */
public final class TestLoop {
  private static final IOLoop LOOP = IOLoop.create("coroutine-test-loop");

  private TestLoop() {}

  public static IOLoop get() {
    return LOOP;
  }
}
