package dev.cyclone.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks each {@code @StreamRequestBody} class, so that its body can be delivered: a concrete
 * {@code RequestHandler} that is not a {@code WebSocketHandler}, with exactly one {@code
 * dataReceived} method (its own or inherited), taking one {@code io.netty.buffer.ByteBuf} or
 * {@code byte[]}, returning void or a {@code CompletionStage}, neither static nor private.
 */
public final class StreamRequestBodyValidator {
  public static final String ANNOTATION = "dev.cyclone.annotations.StreamRequestBody";
  private static final String HANDLER = "dev.cyclone.web.RequestHandler";
  private static final String WEBSOCKET = "dev.cyclone.websocket.WebSocketHandler";
  private static final Set<String> PARAMETERS = Set.of("io.netty.buffer.ByteBuf", "byte[]");
  private static final String SHAPE = "dataReceived(ByteBuf chunk) or dataReceived(byte[] chunk),"
      + " returning void or a CompletionStage";

  private final Types types;
  private final Elements elements;

  public StreamRequestBodyValidator(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  /** Every problem of {@code marked}, an element annotated {@code @StreamRequestBody}. */
  public Report validate(Element marked) {
    Report report = new Report();
    TypeElement handler = elements.getTypeElement(HANDLER);
    if (marked.getKind() != ElementKind.CLASS || handler == null
        || !types.isSubtype(types.erasure(marked.asType()), types.erasure(handler.asType()))) {
      report.error(marked, "[StreamRequestBodyPlacement] @StreamRequestBody marks a RequestHandler"
          + " subclass, whose request bodies it streams; found " + marked.getKind().toString().toLowerCase()
          + " " + marked.getSimpleName() + ". Move it to the handler class");
      return report;
    }
    TypeElement type = (TypeElement) marked;
    TypeElement socket = elements.getTypeElement(WEBSOCKET);
    if (socket != null && types.isSubtype(types.erasure(type.asType()), types.erasure(socket.asType()))) {
      report.error(type, "[StreamRequestBodyPlacement] a WebSocketHandler's request is an upgrade"
          + " without a body; remove @StreamRequestBody from " + type.getSimpleName());
      return report;
    }
    List<ExecutableElement> found = dataReceivedMethods(type);
    if (found.isEmpty()) {
      report.error(type, "[StreamRequestBodyMethod] @StreamRequestBody " + type.getSimpleName()
          + " has no method to take its body; add " + SHAPE);
      return report;
    }
    if (found.size() > 1) {
      for (ExecutableElement extra : found.subList(1, found.size())) {
        report.error(extra, "[StreamRequestBodyMethod] " + type.getSimpleName() + " has "
            + found.size() + " dataReceived methods; the body goes to one. Keep one of " + SHAPE);
      }
    }
    ExecutableElement m = found.get(0);
    Element where = m.getEnclosingElement().equals(type) ? m : type;
    if (m.getModifiers().contains(Modifier.STATIC) || m.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(where, "[StreamRequestBodyMethod] dataReceived is called on the handler of each"
          + " request by Cyclone; it must be neither static nor private");
    }
    boolean oneParameter = m.getParameters().size() == 1
        && PARAMETERS.contains(types.erasure(m.getParameters().get(0).asType()).toString());
    if (!oneParameter) {
      report.error(where, "[StreamRequestBodyMethod] dataReceived must take one ByteBuf (valid until"
          + " it returns or its future completes) or one byte[]; found ("
          + m.getParameters().stream().map(p -> p.asType().toString()).reduce((a, b) -> a + ", " + b)
              .orElse("nothing") + ")");
    }
    TypeMirror returned = m.getReturnType();
    TypeElement stage = elements.getTypeElement("java.util.concurrent.CompletionStage");
    boolean future = returned.getKind() == TypeKind.DECLARED
        && types.isAssignable(types.erasure(returned), types.erasure(stage.asType()));
    if (returned.getKind() != TypeKind.VOID && !future) {
      report.error(where, "[StreamRequestBodyMethod] dataReceived must return void or a"
          + " CompletionStage (reading pauses until it completes); found " + returned);
    }
    return report;
  }

  /** The methods named dataReceived of {@code type} and its superclasses below RequestHandler, nearest first. */
  private List<ExecutableElement> dataReceivedMethods(TypeElement type) {
    List<ExecutableElement> out = new ArrayList<>();
    for (TypeElement c = type; c != null && !c.getQualifiedName().contentEquals(HANDLER); c = superclass(c)) {
      for (ExecutableElement m : ElementFilter.methodsIn(c.getEnclosedElements())) {
        if (m.getSimpleName().contentEquals("dataReceived")) {
          out.add(m);
        }
      }
      if (!out.isEmpty()) {
        break; // the nearest class that declares it decides
      }
    }
    return out;
  }

  private static TypeElement superclass(TypeElement c) {
    TypeMirror s = c.getSuperclass();
    return s.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) s).asElement() : null;
  }
}
