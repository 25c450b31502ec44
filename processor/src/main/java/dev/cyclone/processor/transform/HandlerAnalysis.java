package dev.cyclone.processor.transform;

import dev.cyclone.processor.model.CoroutineClass;
import dev.cyclone.processor.model.HandlerClass;
import dev.cyclone.processor.model.HandlerClass.PathParameter;
import dev.cyclone.processor.model.HandlerClass.Style;
import dev.cyclone.processor.model.HandlerClass.Verb;
import dev.cyclone.processor.validation.HandlerValidator;
import dev.cyclone.processor.validation.PathTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Describes a handler class for its generated dispatcher: which verbs, called how. */
public final class HandlerAnalysis {
  /** Tornado's SUPPORTED_METHODS, in its order. */
  public static final List<String> VERBS = List.of("GET", "HEAD", "POST", "DELETE", "PATCH", "PUT", "OPTIONS");
  private static final String ASYNCHRONOUS = "dev.cyclone.annotations.Asynchronous";
  private static final String STREAM_REQUEST_BODY = "dev.cyclone.annotations.StreamRequestBody";

  private final Elements elements;
  private final PathTypes pathTypes = new PathTypes();

  public HandlerAnalysis(Elements elements) {
    this.elements = elements;
  }

  /**
   * The dispatcher's model for {@code type}, or empty when no dispatcher can be generated (an
   * abstract class, a non-static inner class, no no-argument constructor): such a class is not a
   * route target, or the runtime's fallback explains what is wrong when it is.
   *
   * @param compiled the coroutines (own and inherited) that {@code type}'s generated {@code
   *     _Coroutines} overrides; empty when none was generated
   */
  public Optional<HandlerClass> analyze(TypeElement type, java.util.Set<ExecutableElement> compiled) {
    if (type.getModifiers().contains(Modifier.ABSTRACT) || !reachableFromItsPackage(type)) {
      return Optional.empty();
    }
    boolean constructible = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE));
    if (!constructible) {
      return Optional.empty();
    }
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    boolean hasCoroutines = !compiled.isEmpty();
    List<Verb> verbs = new ArrayList<>();
    for (String verb : VERBS) {
      ExecutableElement method = find(type, verb.toLowerCase(Locale.ROOT));
      if (method != null) {
        verbs.add(verb(verb, method, compiled));
      }
    }
    ExecutableElement prepare = find(type, "prepare");
    Verb preparing = prepare != null && compiled.contains(prepare) ? verb("PREPARE", prepare, compiled) : null;
    String coroutinesName = CoroutineClass.generatedNameOf(type, packageName);
    String dispatcherName =
        coroutinesName.substring(0, coroutinesName.length() - "_Coroutines".length()) + "_Dispatcher";
    HandlerClass.WebSocket webSocket = null;
    if (isWebSocketHandler(type)) {
      ExecutableElement open = find(type, "open");
      ExecutableElement onText = findMessage(type, "java.lang.String");
      ExecutableElement onBinary = findMessage(type, "byte[]");
      webSocket = new HandlerClass.WebSocket(
          open == null ? null : verb("OPEN", open, compiled),
          onText == null ? null : verb("TEXT", onText, compiled),
          onBinary == null ? null : verb("BINARY", onBinary, compiled));
    }
    return Optional.of(new HandlerClass(type, packageName, dispatcherName,
        hasCoroutines ? CoroutineClass.generatedNameOf(type, packageName) : null, verbs, preparing, webSocket,
        bodyStream(type, compiled)));
  }

  /**
   * For a {@code @StreamRequestBody} class (the mark may be on a superclass), its nearest {@code
   * dataReceived} taking one {@code ByteBuf} or {@code byte[]}; else null (the validator reports a
   * marked class without one).
   */
  private HandlerClass.BodyStream bodyStream(TypeElement type, java.util.Set<ExecutableElement> compiled) {
    boolean marked = false;
    for (TypeElement t = type; t != null && !marked;
        t = t.getSuperclass().getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) t.getSuperclass()).asElement() : null) {
      marked = has(t, STREAM_REQUEST_BODY);
    }
    if (!marked) {
      return null;
    }
    ExecutableElement method = find(type, "dataReceived");
    if (method == null || method.getParameters().size() != 1) {
      return null;
    }
    String parameter = method.getParameters().get(0).asType().toString();
    if (!parameter.equals("byte[]") && !parameter.equals("io.netty.buffer.ByteBuf")) {
      return null;
    }
    return new HandlerClass.BodyStream(verb("DATA", method, compiled), parameter.equals("byte[]"));
  }

  /** True for a subclass of {@code dev.cyclone.websocket.WebSocketHandler}. */
  static boolean isWebSocketHandler(TypeElement type) {
    for (TypeElement t = type; t != null;
        t = t.getSuperclass().getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) t.getSuperclass()).asElement() : null) {
      if (t.getQualifiedName().contentEquals(HandlerValidator.WEBSOCKET_HANDLER)) {
        return true;
      }
    }
    return false;
  }

  /** The most derived {@code onMessage} taking one {@code parameterType}, below WebSocketHandler. */
  private ExecutableElement findMessage(TypeElement type, String parameterType) {
    for (TypeElement t = type; t != null && !t.getQualifiedName().contentEquals(HandlerValidator.WEBSOCKET_HANDLER);
        t = t.getSuperclass().getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) t.getSuperclass()).asElement() : null) {
      for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
        if (m.getSimpleName().contentEquals("onMessage") && m.getParameters().size() == 1
            && m.getParameters().get(0).asType().toString().equals(parameterType)
            && !m.getModifiers().contains(Modifier.PRIVATE) && !m.getModifiers().contains(Modifier.STATIC)) {
          return m;
        }
      }
    }
    return null;
  }

  /**
   * True when code in the handler's package can name and create it: neither it nor a class
   * around it is private, local, anonymous or an inner (non-static) class.
   */
  private static boolean reachableFromItsPackage(TypeElement type) {
    for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)
          || t.getNestingKind() == NestingKind.LOCAL
          || t.getNestingKind() == NestingKind.ANONYMOUS
          || (t.getNestingKind() == NestingKind.MEMBER && !t.getModifiers().contains(Modifier.STATIC)
              && t.getEnclosingElement().getKind().isClass())) {
        return false;
      }
    }
    return true;
  }

  private Verb verb(String httpMethod, ExecutableElement method, java.util.Set<ExecutableElement> compiled) {
    Style style;
    if (has(method, ASYNCHRONOUS)) {
      style = Style.ASYNCHRONOUS;
    } else if (method.getReturnType().getKind() != TypeKind.VOID) {
      style = Style.FUTURE;
    } else if (compiled.contains(method)) {
      style = Style.VOID_COROUTINE;
    } else {
      style = Style.PLAIN;
    }
    List<PathParameter> parameters = new ArrayList<>();
    List<? extends VariableElement> ps = method.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      VariableElement p = ps.get(i);
      if (method.isVarArgs() && i == ps.size() - 1) {
        break;
      }
      String conversion = pathTypes.conversion(p.asType()).orElse("");
      TypeElement target = conversion.equals("toEnum") || conversion.equals("valueOf") || conversion.equals("fromString")
          ? (TypeElement) ((DeclaredType) p.asType()).asElement() : null;
      parameters.add(new PathParameter(p.getSimpleName().toString(), conversion.isEmpty() ? null : conversion, target));
    }
    return new Verb(httpMethod, method, style, parameters, method.isVarArgs(), timeoutMillis(method));
  }

  /** The most derived non-private method {@code name} below RequestHandler. */
  private ExecutableElement find(TypeElement type, String name) {
    for (TypeElement t = type; t != null && !t.getQualifiedName().contentEquals(HandlerValidator.REQUEST_HANDLER)
        && !t.getQualifiedName().contentEquals("java.lang.Object");
        t = t.getSuperclass().getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) t.getSuperclass()).asElement() : null) {
      for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
        if (m.getSimpleName().contentEquals(name) && !m.getModifiers().contains(Modifier.PRIVATE)
            && !m.getModifiers().contains(Modifier.STATIC)) {
          return m;
        }
      }
    }
    return null;
  }

  private static long timeoutMillis(ExecutableElement method) {
    for (AnnotationMirror a : method.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(ASYNCHRONOUS)) {
        long timeout = 0;
        TimeUnit unit = TimeUnit.MILLISECONDS;
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : a.getElementValues().entrySet()) {
          if (e.getKey().getSimpleName().contentEquals("timeout")) {
            timeout = ((Number) e.getValue().getValue()).longValue();
          } else if (e.getKey().getSimpleName().contentEquals("unit")) {
            unit = TimeUnit.valueOf(((Element) e.getValue().getValue()).getSimpleName().toString());
          }
        }
        return unit.toMillis(timeout);
      }
    }
    return 0;
  }

  static boolean has(Element element, String annotation) {
    return element.getAnnotationMirrors().stream().anyMatch(a ->
        ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation));
  }
}
