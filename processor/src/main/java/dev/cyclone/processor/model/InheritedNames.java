package dev.cyclone.processor.model;

import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The names every generated state machine inherits from its runtime base class ({@code
 * AbstractCoroutine}, and through it {@code CompletableFuture}, {@code Future}, {@code
 * CompletionStage} and {@code Object}). The user's code is copied into the state machine, where a
 * simple name the user meant for a member of their own class, or for one of their types, would
 * find these first: {@code get()}, {@code join()}, {@code complete(x)}, {@code state()}, a type
 * named {@code State}. The writer qualifies such names.
 *
 * <p>Read from javac's view of the base class when the processor runs, not from a list: the set
 * follows the JDK the code is compiled against (Java 19 added {@code Future.state()}, {@code
 * resultNow()}, {@code exceptionNow()} and the member type {@code Future.State}).
 *
 * @param methods names of the inherited methods, static ones included
 * @param fields names of the inherited fields
 * @param types simple names of the inherited member types
 */
public record InheritedNames(Set<String> methods, Set<String> fields, Set<String> types) {
  /** The base class of every state machine. */
  public static final String BASE = "dev.cyclone.concurrent.AbstractCoroutine";

  /**
   * The public and protected members of {@link #BASE}, the ones a subclass in another package
   * inherits. Without the runtime on the class path (the generated code will not compile then
   * anyway) those of {@code CompletableFuture}.
   */
  public static InheritedNames of(Elements elements) {
    TypeElement base = elements.getTypeElement(BASE);
    if (base == null) {
      base = elements.getTypeElement("java.util.concurrent.CompletableFuture");
    }
    Set<String> methods = new TreeSet<>();
    Set<String> fields = new TreeSet<>();
    Set<String> types = new TreeSet<>();
    for (Element member : elements.getAllMembers(base)) {
      Set<Modifier> modifiers = member.getModifiers();
      if (!modifiers.contains(Modifier.PUBLIC) && !modifiers.contains(Modifier.PROTECTED)) {
        continue;
      }
      String name = member.getSimpleName().toString();
      if (member.getKind() == ElementKind.METHOD) {
        methods.add(name);
      } else if (member.getKind().isField()) {
        fields.add(name);
      } else if (member.getKind().isClass() || member.getKind().isInterface()) {
        types.add(name);
      }
    }
    return new InheritedNames(Set.copyOf(methods), Set.copyOf(fields), Set.copyOf(types));
  }
}
