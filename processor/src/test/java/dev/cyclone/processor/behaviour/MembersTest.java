package dev.cyclone.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.processor.testing.Fixture;
import dev.cyclone.processor.testing.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** this, fields, inherited and protected members, static members and super.m() keep their meaning. */
class MembersTest {
  private static final Fixture MEMBERS =
      Fixture.of("fixtures/members/Members.java", "fixtures.members.Members", "fixtures/members/base/Base.java");

  @Test
  void fieldsReadAndWrittenAcrossAwaits() {
    assertEquals("30 31 default", MEMBERS.assertSameAsBlocking("fieldsReadAndWrittenAcrossAwaits").value());
  }

  @Test
  void thisIsTheObjectTheCoroutineWasCalledOn() {
    assertEquals("true default:x", MEMBERS.assertSameAsBlocking("thisIsTheReceiver").value());
  }

  @Test
  void staticFieldsAndMethods() {
    assertEquals("static4Kstatic1", MEMBERS.assertSameAsBlocking("staticMembers").value());
  }

  @Test
  void protectedMembersInheritedFromAnotherPackage() {
    assertEquals(
        "42 hello you from Base Base.static(ps!) pub",
        MEMBERS.assertSameAsBlocking("inheritedProtectedMembersFromOtherPackage").value());
  }

  @Test
  void superCallReachesTheUsersSuperclassNotTheUsersClass() {
    Outcome o = MEMBERS.assertSameAsBlocking("superCallReachesTheSuperclass");
    assertEquals("members base Base.describe/Members.describe/Members.describe", o.value());
    assertEquals(List.of("Members.overridden", "Base.overridden"), o.trace());
  }

  @Test
  void superCallOfAnInheritedMethodTheClassDoesNotOverride() {
    assertEquals("hello super from Base true", MEMBERS.assertSameAsBlocking("superCallOfAMethodNotOverridden").value());
  }

  @Test
  void superFieldAccess() {
    assertEquals("99 99", MEMBERS.assertSameAsBlocking("superFieldAccess").value());
  }

  @Test
  void fieldsOfAnotherInstance() {
    assertEquals("other77 default10", MEMBERS.assertSameAsBlocking("otherInstanceFields").value());
  }

  @Test
  void localShadowingAField() {
    assertEquals("local default", MEMBERS.assertSameAsBlocking("localShadowsField").value());
  }
}
