package dev.cyclone.locks;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Locks belong to one loop, like Tornado's, and say so when misused. */
class LoopOwnerTest {
  private static final TestLoop a = new TestLoop("owner-a");
  private static final TestLoop b = new TestLoop("owner-b");

  @AfterAll
  static void closeLoops() {
    a.close();
    b.close();
  }

  @Test
  void useOffAnyLoopFails() {
    Lock lock = new Lock();
    IllegalStateException e = assertThrows(IllegalStateException.class, lock::acquire);
    assertTrue(e.getMessage().startsWith("[LoopConfined] Lock.acquire()"), e.getMessage());
  }

  @Test
  void firstLoopToUseAnObjectOwnsIt() {
    Event event = new Event(); // created off-loop: unbound until first use
    a.run(event::set);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.run(event::isSet));
    assertTrue(e.getMessage().contains("belongs to " + a.loop()), e.getMessage());
  }

  @Test
  void objectCreatedOnALoopBelongsToIt() {
    Condition c = a.call(Condition::new);
    assertThrows(IllegalStateException.class, () -> b.run(c::signal));
    a.run(c::signal);
  }

  @Test
  void ownerReportsItsLoop() {
    LoopOwner owner = a.call(() -> new LoopOwner("Thing"));
    assertSame(a.loop(), owner.loop());
  }
}
