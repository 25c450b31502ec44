package dev.cyclone.processor.writer;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.WildcardTypeName;
import dev.cyclone.processor.model.Code;
import dev.cyclone.processor.model.InheritedNames;
import dev.cyclone.processor.model.Local;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * Renders {@link Code} as a JavaPoet {@link CodeBlock} for the inside of a state machine: types
 * become {@code $T} (and imports), locals take their final names, and names the state machine
 * would capture are qualified. A state machine is a {@code CompletableFuture}: unqualified, the
 * user's own {@code get()} or {@code complete(x)} would call the inherited ones, and the user's
 * type {@code State} would be {@code Future.State} (Java 19+).
 */
final class CodeRenderer {
  private final String generatedName;
  /** Field names of the state machine: its locals, and the fields it inherits. */
  private final Set<String> fields;
  private final InheritedNames inherited;

  /**
   * @param generatedName the generated subclass, which qualifies shadowed members
   * @param locals names of the state machine's locals and fields
   * @param inherited the names the state machine inherits from its base class
   */
  CodeRenderer(String generatedName, Set<String> locals, InheritedNames inherited) {
    this.generatedName = generatedName;
    this.fields = new HashSet<>(locals);
    this.fields.addAll(inherited.fields());
    this.inherited = inherited;
  }

  /** Renders {@code code}; captured locals read the copies named in {@code copies}. */
  CodeBlock render(Code code, Map<Local, String> copies) {
    CodeBlock.Builder out = CodeBlock.builder();
    for (Code.Part part : code.parts()) {
      if (part instanceof Code.Text text) {
        out.add("$L", text.text());
      } else if (part instanceof Code.TypeRef type) {
        out.add("$T", typeName(type.type()));
      } else if (part instanceof Code.ClassRef type) {
        out.add("$T", qualified(ClassName.get(type.type())));
      } else if (part instanceof Code.LocalRef ref) {
        String copy = ref.captured() ? copies.get(ref.local()) : null;
        out.add("$L", copy != null ? copy : ref.local().name());
      } else if (part instanceof Code.MemberRef member) {
        boolean shadowed = member.method()
            ? inherited.methods().contains(member.name()) || member.name().endsWith("$")
            : fields.contains(member.name());
        if (!shadowed) {
          out.add("$L", member.name());
        } else if (member.isStatic()) {
          out.add("$L.$L", generatedName, member.name());
        } else {
          out.add("$L.this.$L", generatedName, member.name());
        }
      }
    }
    return out.build();
  }

  CodeBlock render(Code code) {
    return render(code, Map.of());
  }

  /** {@code type} as written inside the state machine: fully qualified where a simple name would be shadowed. */
  TypeName typeName(TypeMirror type) {
    return qualified(nameOf(type));
  }

  /**
   * {@link TypeName#get}, except that a type declared in the coroutine's body (a local class,
   * record, enum or interface, which JavaPoet cannot name) is written by its simple name: the
   * generated code declares it, under that name, in the method around the state machine.
   */
  static TypeName nameOf(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        TypeElement element = (TypeElement) declared.asElement();
        if (!isLocal(element) && declared.getTypeArguments().stream().noneMatch(CodeRenderer::mentionsLocal)) {
          return TypeName.get(type);
        }
        ClassName raw = className(element);
        if (declared.getTypeArguments().isEmpty()) {
          return raw;
        }
        return ParameterizedTypeName.get(raw,
            declared.getTypeArguments().stream().map(CodeRenderer::nameOf).toArray(TypeName[]::new));
      }
      case ARRAY -> {
        return ArrayTypeName.of(nameOf(((javax.lang.model.type.ArrayType) type).getComponentType()));
      }
      case WILDCARD -> {
        javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) type;
        if (w.getSuperBound() != null) {
          return WildcardTypeName.supertypeOf(nameOf(w.getSuperBound()));
        }
        return w.getExtendsBound() != null ? WildcardTypeName.subtypeOf(nameOf(w.getExtendsBound())) : TypeName.get(type);
      }
      default -> {
        return TypeName.get(type);
      }
    }
  }

  private static ClassName className(TypeElement element) {
    if (element.getEnclosingElement() instanceof TypeElement outer) {
      return className(outer).nestedClass(element.getSimpleName().toString());
    }
    return isLocal(element) ? ClassName.get("", element.getSimpleName().toString()) : ClassName.get(element);
  }

  private static boolean isLocal(TypeElement element) {
    for (javax.lang.model.element.Element e = element; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (t.getNestingKind() == javax.lang.model.element.NestingKind.LOCAL) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentionsLocal(TypeMirror type) {
    return switch (type.getKind()) {
      case DECLARED -> isLocal((TypeElement) ((DeclaredType) type).asElement())
          || ((DeclaredType) type).getTypeArguments().stream().anyMatch(CodeRenderer::mentionsLocal);
      case ARRAY -> mentionsLocal(((javax.lang.model.type.ArrayType) type).getComponentType());
      case WILDCARD -> {
        javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) type;
        yield (w.getExtendsBound() != null && mentionsLocal(w.getExtendsBound()))
            || (w.getSuperBound() != null && mentionsLocal(w.getSuperBound()));
      }
      default -> false;
    };
  }

  /**
   * {@code type} with each class whose name (or the name of a class enclosing it) is a member type
   * the state machine inherits written with its canonical name; {@code type} itself when there is
   * none, the usual case.
   */
  private TypeName qualified(TypeName type) {
    if (inherited.types().isEmpty()) {
      return type;
    }
    if (type instanceof ClassName c) {
      for (String name : c.simpleNames()) {
        if (inherited.types().contains(name)) {
          // JavaPoet writes a class by its simple names (imported, or of the same package); a
          // class without package whose one "simple name" is the canonical name is written as is.
          return ClassName.get("", c.canonicalName());
        }
      }
      return c;
    }
    if (type instanceof ParameterizedTypeName p) {
      TypeName raw = qualified(p.rawType);
      List<TypeName> arguments = new ArrayList<>();
      boolean changed = raw != p.rawType;
      for (TypeName argument : p.typeArguments) {
        TypeName q = qualified(argument);
        changed |= q != argument;
        arguments.add(q);
      }
      return changed ? ParameterizedTypeName.get((ClassName) raw, arguments.toArray(new TypeName[0])) : p;
    }
    if (type instanceof WildcardTypeName w) {
      if (!w.lowerBounds.isEmpty()) {
        TypeName q = qualified(w.lowerBounds.get(0));
        return q != w.lowerBounds.get(0) ? WildcardTypeName.supertypeOf(q) : w;
      }
      TypeName q = qualified(w.upperBounds.get(0));
      return q != w.upperBounds.get(0) ? WildcardTypeName.subtypeOf(q) : w;
    }
    if (type instanceof ArrayTypeName a) {
      TypeName q = qualified(a.componentType);
      return q != a.componentType ? ArrayTypeName.of(q) : a;
    }
    return type; // primitives and type variables
  }
}
