package dev.cyclone.processor.validation;

import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Which {@code PathConversions} method turns a path argument's text into a verb parameter's type:
 * {@code "toInt"} for {@code int}, {@code "toEnum"} for an enum, and so on; an empty string for a
 * String (no conversion).
 */
public final class PathTypes {
  /** The conversion for {@code type}, or empty when a path argument cannot become one. */
  public Optional<String> conversion(TypeMirror type) {
    switch (type.getKind()) {
      case INT: return Optional.of("toInt");
      case LONG: return Optional.of("toLong");
      case SHORT: return Optional.of("toShort");
      case BYTE: return Optional.of("toByte");
      case DOUBLE: return Optional.of("toDouble");
      case FLOAT: return Optional.of("toFloat");
      case BOOLEAN: return Optional.of("toBoolean");
      case CHAR: return Optional.of("toChar");
      case DECLARED: break;
      default: return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    String name = element.getQualifiedName().toString();
    switch (name) {
      case "java.lang.String": case "java.lang.CharSequence": case "java.lang.Object": return Optional.of("");
      case "java.lang.Integer": return Optional.of("toInteger");
      case "java.lang.Long": return Optional.of("toLongObject");
      case "java.lang.Short": return Optional.of("toShortObject");
      case "java.lang.Byte": return Optional.of("toByteObject");
      case "java.lang.Double": return Optional.of("toDoubleObject");
      case "java.lang.Float": return Optional.of("toFloatObject");
      case "java.lang.Boolean": return Optional.of("toBooleanObject");
      case "java.lang.Character": return Optional.of("toCharacter");
      case "java.util.UUID": return Optional.of("toUuid");
      case "java.math.BigInteger": return Optional.of("toBigInteger");
      case "java.math.BigDecimal": return Optional.of("toBigDecimal");
      default: break;
    }
    if (element.getKind() == ElementKind.ENUM) {
      return Optional.of("toEnum");
    }
    if (!((DeclaredType) type).getTypeArguments().isEmpty()) {
      return Optional.empty();
    }
    for (ExecutableElement m : ElementFilter.methodsIn(element.getEnclosedElements())) {
      if ((m.getSimpleName().contentEquals("valueOf") || m.getSimpleName().contentEquals("fromString"))
          && m.getModifiers().contains(Modifier.STATIC) && m.getModifiers().contains(Modifier.PUBLIC)
          && m.getParameters().size() == 1
          && m.getParameters().get(0).asType().toString().equals("java.lang.String")
          && m.getReturnType().getKind() == TypeKind.DECLARED
          // the generated call passes its result as the parameter: it must be of that type
          && ((DeclaredType) m.getReturnType()).asElement().equals(element)) {
        return Optional.of(m.getSimpleName().toString());
      }
    }
    return Optional.empty();
  }
}
