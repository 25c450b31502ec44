package dev.cyclone.processor.validation;

import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks what a {@code WebSocketHandler} subclass declares for its socket, so that the generated
 * dispatcher can call it: {@code open(...)} takes path arguments as a verb does, each {@code
 * onMessage} takes one {@code String} (text messages) or {@code byte[]} (binary ones), both return
 * void or a {@code CompletionStage}, and no other verb is declared (the socket answers only the
 * upgrade's GET).
 */
public final class WebSocketValidator {
  private static final Set<String> OTHER_VERBS = Set.of("head", "post", "delete", "patch", "put", "options");

  private final Types types;
  private final Elements elements;
  private final HandlerValidator handlers;

  public WebSocketValidator(Types types, Elements elements, HandlerValidator handlers) {
    this.types = types;
    this.elements = elements;
    this.handlers = handlers;
  }

  /** Every problem of the socket methods {@code type} itself declares. */
  public Report validate(TypeElement type, PathTypes pathTypes) {
    Report report = new Report();
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      String name = m.getSimpleName().toString();
      if (m.getModifiers().contains(Modifier.STATIC)) {
        if (name.equals("open") || name.equals("onMessage")) {
          report.error(m, "[WebSocketMethodModifiers] " + name + "() of a WebSocketHandler is called on"
              + " the handler of each socket; it must not be static");
        }
        continue;
      }
      if (OTHER_VERBS.contains(name)) {
        report.error(m, "[WebSocketVerb] a WebSocketHandler only answers the upgrade's GET; " + name
            + "() would never be called. Move it to a RequestHandler on another route");
      } else if (name.equals("open")) {
        checkAccess(m, report);
        report.addAll(handlers.validateVerb(m, pathTypes));
      } else if (name.equals("onMessage")) {
        checkAccess(m, report);
        List<? extends javax.lang.model.element.VariableElement> ps = m.getParameters();
        String found = ps.stream().map(p -> p.asType().toString()).reduce((a, b) -> a + ", " + b).orElse("nothing");
        boolean one = ps.size() == 1
            && (ps.get(0).asType().toString().equals("java.lang.String") || ps.get(0).asType().toString().equals("byte[]"));
        if (!one) {
          report.error(m, "[WebSocketMessageParameter] onMessage must take exactly one String (text"
              + " messages) or byte[] (binary messages); found (" + found + ")");
        }
        checkReturn(m, report);
      }
    }
    return report;
  }

  private static void checkAccess(ExecutableElement m, Report report) {
    if (m.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(m, "[WebSocketMethodModifiers] " + m.getSimpleName() + "() is private, so the"
          + " generated dispatcher cannot call it; make it public or package-private");
    }
  }

  private void checkReturn(ExecutableElement m, Report report) {
    TypeMirror returned = m.getReturnType();
    boolean stage = returned.getKind() == TypeKind.DECLARED && types.isAssignable(types.erasure(returned),
        types.erasure(elements.getTypeElement("java.util.concurrent.CompletionStage").asType()));
    if (returned.getKind() != TypeKind.VOID && !stage) {
      report.error(m, "[WebSocketMethodReturn] " + m.getSimpleName() + "() must return void or a"
          + " CompletionStage (a @Coroutine's future: the next message waits for it); found " + returned);
    }
  }
}
