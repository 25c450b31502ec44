package dev.cyclone.processor.validation;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks where {@code @Authenticated} stands: on a verb method of a {@code RequestHandler}
 * subclass, the only place the generated dispatcher checks it. Anywhere else it would protect
 * nothing, silently; so each misuse is an error on the annotated method.
 */
public final class AuthenticatedValidator {
  public static final String AUTHENTICATED = "dev.cyclone.annotations.Authenticated";
  /** The verb methods, as {@code HandlerAnalysis} finds them. */
  private static final Set<String> VERBS = Set.of("get", "head", "post", "put", "patch", "delete", "options");

  private final Types types;
  private final Elements elements;
  private final HandlerValidator handlers;

  public AuthenticatedValidator(Types types, Elements elements, HandlerValidator handlers) {
    this.types = types;
    this.elements = elements;
    this.handlers = handlers;
  }

  /** Every problem of one element annotated {@code @Authenticated} (a method: its target). */
  public Report validate(Element element) {
    Report report = new Report();
    if (!(element instanceof ExecutableElement method) || !(method.getEnclosingElement() instanceof TypeElement owner)) {
      return report; // @Target(METHOD): javac rejects it elsewhere
    }
    String name = method.getSimpleName().toString();
    if (!handlers.isHandler(owner.asType())) {
      report.error(method, "[AuthenticatedPlacement] @Authenticated marks a verb method of a RequestHandler"
          + " subclass; found it on " + name + "() of " + owner.getSimpleName() + ", which is not a request"
          + " handler. Move the method into a handler, or remove the annotation");
    } else if (isWebSocketHandler(owner)) {
      report.error(method, "[AuthenticatedPlacement] a WebSocketHandler's upgrade is a GET that"
          + " WebSocketHandler answers itself, so @Authenticated is never checked there; found it on "
          + name + "(). Refuse the upgrade in prepare() instead: if (currentUser() == null) throw new"
          + " HTTPError(403)");
    } else if (!VERBS.contains(name)) {
      report.error(method, "[AuthenticatedPlacement] @Authenticated goes on a verb method (get, head, post,"
          + " put, patch, delete or options); found it on " + name + "(). Put it on the verbs to"
          + " protect, or check currentUser() yourself");
    } else if (method.getModifiers().contains(Modifier.STATIC) || method.getModifiers().contains(Modifier.PRIVATE)) {
      report.error(method, "[AuthenticatedPlacement] @Authenticated goes on a verb the dispatcher calls;"
          + " found it on a " + (method.getModifiers().contains(Modifier.STATIC) ? "static" : "private")
          + " " + name + "(), which is never called for a request. Make it a public instance method");
    }
    return report;
  }

  private boolean isWebSocketHandler(TypeElement owner) {
    TypeElement socket = elements.getTypeElement(HandlerValidator.WEBSOCKET_HANDLER);
    return socket != null && types.isSubtype(types.erasure(owner.asType()), types.erasure(socket.asType()));
  }
}
