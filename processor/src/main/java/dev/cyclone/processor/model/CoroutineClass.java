package dev.cyclone.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A user class with {@code @Coroutine} methods, and the name of the {@code Foo_Coroutines} subclass
 * generated for it.
 *
 * @param type the user's class
 * @param packageName its package
 * @param generatedName the simple name of the generated subclass ({@code Outer_Inner_Coroutines})
 * @param methods its coroutines, in source order
 * @param inherited the names its state machines inherit, which copied code must not mean
 */
public record CoroutineClass(
    TypeElement type,
    String packageName,
    String generatedName,
    List<CoroutineMethod> methods,
    InheritedNames inherited) {

  /** {@code p.Outer.Inner} → {@code Outer_Inner_Coroutines}. */
  public static String generatedNameOf(TypeElement type, String packageName) {
    String qualified = type.getQualifiedName().toString();
    String binary = packageName.isEmpty() ? qualified : qualified.substring(packageName.length() + 1);
    return binary.replace('.', '_') + "_Coroutines";
  }
}
