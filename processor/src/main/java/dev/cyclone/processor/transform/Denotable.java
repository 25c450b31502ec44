package dev.cyclone.processor.transform;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.UnionType;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Turns the type javac computed for an expression into one that can be written in source: a
 * captured wildcard becomes its bound, an intersection its first bound, a union (multi-catch) the
 * closest common superclass, the null type {@code Object}. Empty when the type cannot be written
 * at all (an anonymous class, an error type).
 */
final class Denotable {
  private final Types types;
  private final Elements elements;

  Denotable(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
  }

  Optional<TypeMirror> of(TypeMirror type) {
    if (type == null) {
      return Optional.empty();
    }
    switch (type.getKind()) {
      case BOOLEAN, BYTE, SHORT, INT, LONG, CHAR, FLOAT, DOUBLE:
        return Optional.of(type);
      case NULL:
        return Optional.of(object());
      case ARRAY:
        return of(((ArrayType) type).getComponentType()).map(c -> types.getArrayType(c));
      case TYPEVAR:
        if (isCaptured(type)) {
          return of(((TypeVariable) type).getUpperBound());
        }
        return Optional.of(type);
      case INTERSECTION:
        List<? extends TypeMirror> bounds = ((IntersectionType) type).getBounds();
        return bounds.isEmpty() ? Optional.of(object()) : of(bounds.get(0));
      case UNION:
        return Optional.of(commonSuperclass(((UnionType) type).getAlternatives()));
      case DECLARED:
        return declared((DeclaredType) type);
      default:
        return Optional.empty();
    }
  }

  private Optional<TypeMirror> declared(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    if (element.getNestingKind() == NestingKind.ANONYMOUS) {
      return Optional.empty();
    }
    List<? extends TypeMirror> args = type.getTypeArguments();
    if (args.isEmpty()) {
      return Optional.of(type);
    }
    TypeMirror[] fixed = new TypeMirror[args.size()];
    boolean changed = false;
    for (int i = 0; i < fixed.length; i++) {
      TypeMirror arg = args.get(i);
      if (arg.getKind() == TypeKind.TYPEVAR && isCaptured(arg)) {
        fixed[i] = types.getWildcardType(((TypeVariable) arg).getUpperBound(), null);
        changed = true;
      } else if (arg.getKind() == TypeKind.WILDCARD) {
        fixed[i] = arg;
      } else {
        Optional<TypeMirror> inner = of(arg);
        if (inner.isEmpty()) {
          return Optional.empty();
        }
        fixed[i] = inner.get();
        changed |= inner.get() != arg;
      }
    }
    if (!changed) {
      return Optional.of(type);
    }
    TypeMirror enclosing = type.getEnclosingType();
    return Optional.of(
        enclosing.getKind() == TypeKind.DECLARED
            ? types.getDeclaredType((DeclaredType) enclosing, element, fixed)
            : types.getDeclaredType(element, fixed));
  }

  /** The type an await's value has when it is stored in a field: primitives stay as they are. */
  TypeMirror boxedIfPrimitive(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType() : type;
  }

  private TypeMirror commonSuperclass(List<? extends TypeMirror> alternatives) {
    TypeMirror candidate = types.erasure(alternatives.get(0));
    while (candidate.getKind() == TypeKind.DECLARED) {
      TypeMirror c = candidate;
      if (alternatives.stream().allMatch(a -> types.isSubtype(types.erasure(a), c))) {
        return candidate;
      }
      TypeElement element = (TypeElement) ((DeclaredType) candidate).asElement();
      candidate = types.erasure(element.getSuperclass());
    }
    return elements.getTypeElement("java.lang.Throwable").asType();
  }

  private TypeMirror object() {
    return elements.getTypeElement("java.lang.Object").asType();
  }

  /** javac names captured wildcards {@code capture#N of ?}; they are never written in source. */
  private static boolean isCaptured(TypeMirror type) {
    Element element = ((TypeVariable) type).asElement();
    return type.toString().startsWith("capture#")
        || element.getSimpleName().toString().startsWith("capture#");
  }

  static boolean isWildcard(TypeMirror type) {
    return type instanceof WildcardType;
  }
}
