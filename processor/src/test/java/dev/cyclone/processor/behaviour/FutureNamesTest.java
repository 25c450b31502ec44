package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A state machine is the coroutine's CompletableFuture, and the body is copied into it: the user's
 * own methods and types named like the future's members ({@code get()}, {@code join()}, {@code
 * complete(x)}, {@code state()}, {@code State}...) keep their meaning, on every JDK.
 */
class FutureNamesTest {
  private static final Fixture NAMES = Fixture.of("fixtures/members/FutureNames.java", "fixtures.members.FutureNames");

  @Test
  void ownMethodsNamedLikeTheFuturesAreCalled() {
    Outcome o = NAMES.assertSameAsBlocking("callsOwnMethods");
    assertEquals(
        "own get / own join | own complete x | false | own cancel true"
            + " / own state | own resultNow | own obtrudeValue 3 / own toString",
        o.value());
    assertEquals(
        List.of("own get", "own join", "own complete x", "own isDone", "own cancel true",
            "own state", "own resultNow", "own obtrudeValue 3"),
        o.trace());
  }

  @Test
  void ownStaticMethodsNamedLikeTheFuturesAreCalled() {
    assertEquals(
        "own static allOf ab / own get own static completedFuture 1 / own static completedFuture 2",
        NAMES.assertSameAsBlocking("callsOwnStaticsAndLambdas").value());
    assertEquals(
        "own static completedFuture 7 / own static allOf cd",
        NAMES.assertSameAsBlocking("staticCallsOwnStatics").value());
  }

  @Test
  void ownTypesNamedLikeTheFuturesMemberTypes() {
    assertEquals(
        "failed task ran [CLOSED, OPEN, OPEN] 2 open", NAMES.assertSameAsBlocking("usesOwnTypes").value());
  }
}
