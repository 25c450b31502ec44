package dev.cyclone.concurrent;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * For generated code: {@code super.m()} in a coroutine of {@code Foo} names the method of Foo's
 * superclass, which the generated {@code Foo_Coroutines} (a subclass of Foo) cannot call directly
 * when Foo overrides {@code m}. This finds a method handle that makes that same non-virtual call,
 * once, when the generated class is initialized.
 */
public final class SuperCalls {
  private SuperCalls() {}

  /**
   * A handle that calls {@code owner.name(type)} on an instance of {@code userClass} without
   * virtual dispatch, exactly as {@code super.name(...)} written in {@code userClass} does.
   *
   * @param generated the generated class's own lookup ({@code MethodHandles.lookup()})
   */
  public static MethodHandle find(
      MethodHandles.Lookup generated, Class<?> userClass, Class<?> owner, String name, MethodType type) {
    try {
      MethodHandles.Lookup inUserClass = MethodHandles.privateLookupIn(userClass, generated);
      return inUserClass.findSpecial(owner, name, type, userClass);
    } catch (ReflectiveOperationException e) {
      LinkageError error = new LinkageError("[SuperCall] cannot reach super." + name + type
          + " of " + userClass.getName() + ": " + e.getMessage());
      error.initCause(e);
      throw error;
    }
  }
}
