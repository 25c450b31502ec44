package dev.cyclone.processor.validation;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks {@code @Asynchronous} methods and the verb methods of {@code RequestHandler} subclasses:
 * what the generated dispatcher must be able to call.
 */
public final class HandlerValidator {
  public static final String REQUEST_HANDLER = "dev.cyclone.web.RequestHandler";
  public static final String WEBSOCKET_HANDLER = "dev.cyclone.websocket.WebSocketHandler";
  static final String COROUTINE = "dev.cyclone.annotations.Coroutine";
  static final String ASYNCHRONOUS = "dev.cyclone.annotations.Asynchronous";

  private final Types types;
  private final Elements elements;

  public HandlerValidator(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /** Every problem of an {@code @Asynchronous} method. */
  public Report validateAsynchronous(ExecutableElement method) {
    Report report = new Report();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    if (!isHandler(owner.asType())) {
      report.error(method, "[AsynchronousOutsideHandler] @Asynchronous marks a verb method of a"
          + " RequestHandler (or WebSocketHandler) subclass; " + owner.getSimpleName() + " is neither."
          + " Remove it, or move the method into a handler");
    }
    if (hasAnnotation(method, COROUTINE)) {
      report.error(method, "[AsynchronousWithCoroutine] a method is either @Asynchronous (it calls"
          + " finish() from a callback) or @Coroutine (it finishes when its future completes), not"
          + " both; remove one of them");
    }
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      report.error(method, "[AsynchronousReturnType] @Asynchronous method must return void: the"
          + " request finishes when the handler calls finish(); found " + method.getReturnType()
          + ". Return void, or make it a @Coroutine");
    }
    return report;
  }

  /** Every problem of a verb method whose parameters the dispatcher fills from path arguments. */
  public Report validateVerb(ExecutableElement method, PathTypes pathTypes) {
    Report report = new Report();
    TypeMirror returned = method.getReturnType();
    boolean future = returned.getKind() == TypeKind.DECLARED && types.isAssignable(
        types.erasure(returned), types.erasure(elements.getTypeElement("java.util.concurrent.CompletionStage").asType()));
    if (returned.getKind() != TypeKind.VOID && !future) {
      report.error(method, "[HandlerVerbReturnType] verb method " + method.getSimpleName()
          + "() must return void or a CompletionStage; found " + returned);
    }
    for (var parameter : method.getParameters()) {
      if (method.isVarArgs() && parameter == method.getParameters().get(method.getParameters().size() - 1)) {
        if (!parameter.asType().toString().equals("java.lang.String[]")) {
          report.error(parameter, "[HandlerPathArgument] a varargs verb parameter takes every path"
              + " argument as a String...; found " + parameter.asType());
        }
        continue;
      }
      if (pathTypes.conversion(parameter.asType()).isEmpty()) {
        report.error(parameter, "[HandlerPathArgument] parameter " + parameter.getSimpleName() + " of "
            + method.getSimpleName() + "() has type " + parameter.asType() + ", which a path argument"
            + " cannot be converted to; use String, a primitive or its box, UUID, BigInteger,"
            + " BigDecimal, an enum, or a class with a static valueOf(String) or fromString(String)");
      }
    }
    return report;
  }

  /** True for RequestHandler and WebSocketHandler subclasses. */
  public boolean isHandler(TypeMirror type) {
    for (String name : Set.of(REQUEST_HANDLER, WEBSOCKET_HANDLER)) {
      TypeElement handler = elements.getTypeElement(name);
      if (handler != null && types.isSubtype(types.erasure(type), types.erasure(handler.asType()))) {
        return true;
      }
    }
    return false;
  }

  static boolean hasAnnotation(Element element, String annotation) {
    return element.getAnnotationMirrors().stream().anyMatch(a ->
        ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation));
  }
}
