package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.processor.testing.Fixture;
import org.junit.jupiter.api.Test;

/** A concrete class's _Coroutines also compiles the coroutines it inherits. */
class InheritanceTest {
  private static final Fixture LEAF = Fixture.of("fixtures/inheritance/Leaf.java", "fixtures.inheritance.Leaf");

  @Test
  void inheritedCoroutineIsCompiledIntoTheSubclass() throws Exception {
    Class<?> generated = LEAF.generatedClass();
    assertTrue(generated.getDeclaredMethod("inherited", String.class).getDeclaringClass() == generated,
        "Leaf_Coroutines overrides the coroutine it inherits from Root");
    assertEquals("leaf middle root n", LEAF.assertSameAsBlocking("inherited", "n").value());
  }

  @Test
  void superInAnInheritedBodyMeansTheDeclaringClassesSuperclass() {
    assertEquals("x|root y", LEAF.assertSameAsBlocking("both").value());
  }

  @Test
  void ownCoroutineCallsInheritedOnes() {
    assertEquals("leaf middle root own x|root y", LEAF.assertSameAsBlocking("own").value());
  }
}
