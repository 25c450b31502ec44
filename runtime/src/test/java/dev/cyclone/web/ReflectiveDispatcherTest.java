package dev.cyclone.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The verbs a handler may serve: the list and the per-request check agree. */
class ReflectiveDispatcherTest {
  @Test
  void everyVerbOfTheListPassesTheCheckAndNothingElseDoes() {
    for (String verb : ReflectiveDispatcher.VERBS) {
      assertTrue(ReflectiveDispatcher.isVerb(verb), verb);
      assertTrue(ReflectiveDispatcher.isVerb(new String(verb)), "by its characters too: " + verb);
    }
    for (String other : new String[] {"BREW", "get", "TRACE", "CONNECT", "", "GET "}) {
      assertFalse(ReflectiveDispatcher.isVerb(other), other);
    }
  }
}
