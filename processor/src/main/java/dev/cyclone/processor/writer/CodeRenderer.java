package dev.cyclone.processor.writer;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.cyclone.processor.model.Code;
import dev.cyclone.processor.model.Local;
import java.util.Map;
import java.util.Set;

/**
 * Renders {@link Code} as a JavaPoet {@link CodeBlock}: types become {@code $T} (and imports),
 * locals take their final names, members of the user's class are qualified where a name of the
 * state machine would shadow them.
 */
final class CodeRenderer {
  /** Methods every state machine has (from Object), which would shadow the user's own. */
  private static final Set<String> OBJECT_METHODS =
      Set.of("toString", "equals", "hashCode", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

  private final String generatedName;
  private final Set<String> shadowingNames;

  /**
   * @param generatedName the generated subclass, which qualifies shadowed members
   * @param shadowingNames names declared by the state machine (its locals and fields)
   */
  CodeRenderer(String generatedName, Set<String> shadowingNames) {
    this.generatedName = generatedName;
    this.shadowingNames = shadowingNames;
  }

  /** Renders {@code code}; captured locals read the copies named in {@code copies}. */
  CodeBlock render(Code code, Map<Local, String> copies) {
    CodeBlock.Builder out = CodeBlock.builder();
    for (Code.Part part : code.parts()) {
      if (part instanceof Code.Text text) {
        out.add("$L", text.text());
      } else if (part instanceof Code.TypeRef type) {
        out.add("$T", TypeName.get(type.type()));
      } else if (part instanceof Code.ClassRef type) {
        out.add("$T", ClassName.get(type.type()));
      } else if (part instanceof Code.LocalRef ref) {
        String copy = ref.captured() ? copies.get(ref.local()) : null;
        out.add("$L", copy != null ? copy : ref.local().name());
      } else if (part instanceof Code.MemberRef member) {
        boolean shadowed = member.method()
            ? OBJECT_METHODS.contains(member.name()) || member.name().endsWith("$")
            : shadowingNames.contains(member.name());
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
}
