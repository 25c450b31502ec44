package dev.cyclone.processor.validation;

import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Checks a {@code @Coroutine} method's declaration: what its signature and its class must be for
 * the processor to generate {@code Foo_Coroutines extends Foo} overriding it.
 */
public final class CoroutineValidator {
  private static final Set<String> FUTURES =
      Set.of("java.util.concurrent.CompletableFuture", "java.util.concurrent.CompletionStage");

  private final Types types;

  public CoroutineValidator(Types types) {
    this.types = types;
  }

  /** Every problem of {@code method}'s declaration. */
  public Report validate(ExecutableElement method) {
    Report report = new Report();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    Set<Modifier> modifiers = method.getModifiers();
    for (Modifier m : Set.of(Modifier.PRIVATE, Modifier.FINAL, Modifier.ABSTRACT, Modifier.NATIVE)) {
      if (modifiers.contains(m)) {
        report.error(method, "[CoroutineModifiers] @Coroutine method must not be " + m
            + ": the generated subclass " + owner.getSimpleName() + "_Coroutines overrides it with its"
            + " compiled form; remove `" + m + "`" + (m == Modifier.PRIVATE ? " (package-private is enough)" : ""));
      }
    }
    if (modifiers.contains(Modifier.SYNCHRONIZED)) {
      report.error(method, "[AwaitInSynchronized] @Coroutine method must not be synchronized: the lock"
          + " would be released at the first await; remove `synchronized` (code on one event loop"
          + " needs no lock), or use dev.cyclone.locks.Lock");
    }
    if (!isFuture(method)) {
      report.error(method, "[CoroutineReturnType] @Coroutine method must return CompletableFuture<T> or"
          + " CompletionStage<T>; found " + method.getReturnType()
          + ". Return CompletableFuture<Void> for a coroutine without a result");
    }
    validateClass(owner, method, report);
    return report;
  }

  private boolean isFuture(ExecutableElement method) {
    if (method.getReturnType().getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeElement type = (TypeElement) types.asElement(method.getReturnType());
    return FUTURES.contains(type.getQualifiedName().toString());
  }

  private static void validateClass(TypeElement owner, ExecutableElement method, Report report) {
    if (owner.getKind() != ElementKind.CLASS) {
      report.error(method, "[CoroutineFinalClass] @Coroutine methods must be declared in a class that"
          + " can be subclassed; found " + owner.getKind().toString().toLowerCase() + " "
          + owner.getSimpleName() + ". Move the method into a class");
      return;
    }
    if (owner.getModifiers().contains(Modifier.FINAL)) {
      report.error(method, "[CoroutineFinalClass] @Coroutine method in final class " + owner.getSimpleName()
          + ": the generated " + owner.getSimpleName() + "_Coroutines must extend it; remove `final`"
          + " from the class");
    }
    for (TypeElement t = owner; t != null; t = t.getEnclosingElement() instanceof TypeElement e ? e : null) {
      NestingKind nesting = t.getNestingKind();
      if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
        report.error(method, "[CoroutineInnerClass] @Coroutine methods are not supported in local or"
            + " anonymous classes; declare " + owner.getSimpleName() + " as a top-level or static nested class");
        return;
      }
      if (nesting == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)) {
        report.error(method, "[CoroutineInnerClass] @Coroutine methods are not supported in the inner"
            + " (non-static) class " + t.getSimpleName() + "; make it a static nested class");
        return;
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        report.error(method, "[CoroutineInnerClass] @Coroutine method in private class " + t.getSimpleName()
            + ": the generated subclass lives outside it; make the class package-private");
        return;
      }
    }
    boolean reachable = ElementFilter.constructorsIn(owner.getEnclosedElements()).stream()
        .anyMatch(c -> !c.getModifiers().contains(Modifier.PRIVATE));
    if (!reachable) {
      report.error(method, "[CoroutineConstructor] class " + owner.getSimpleName() + " has only private"
          + " constructors, so " + owner.getSimpleName() + "_Coroutines cannot extend it; make one"
          + " package-private");
    }
  }
}
