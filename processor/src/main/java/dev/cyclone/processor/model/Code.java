package dev.cyclone.processor.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A fragment of generated Java source: text, interleaved with references the writer resolves when
 * it renders the file (types, which become imports; locals, whose final form depends on whether they
 * live in fields; members of the user's class, qualified only where a generated name would shadow
 * them). Immutable.
 */
public final class Code {
  /** One piece of a fragment. */
  public sealed interface Part permits Text, TypeRef, ClassRef, LocalRef, MemberRef {}

  /** Literal source text. */
  public record Text(String text) implements Part {}

  /** A type, written with imports: {@code List<String>}. */
  public record TypeRef(TypeMirror type) implements Part {}

  /** A class name alone (a raw reference, as in {@code Map.Entry} or {@code Math.max}). */
  public record ClassRef(TypeElement type) implements Part {}

  /**
   * A local of the coroutine. {@code captured} marks a read inside a lambda or class body, which
   * must see a per-statement copy when the local lives in a field.
   */
  public record LocalRef(Local local, boolean captured) implements Part {}

  /**
   * An unqualified member of the user's class, written as is unless a name of the state machine
   * would shadow it, then qualified with {@code Generated.this} (or the class, when static).
   */
  public record MemberRef(String name, boolean method, boolean isStatic) implements Part {}

  private static final Code EMPTY = new Code(List.of());

  private final List<Part> parts;

  private Code(List<Part> parts) {
    this.parts = parts;
  }

  public static Code empty() {
    return EMPTY;
  }

  public static Code of(String text) {
    return new Code(List.of(new Text(text)));
  }

  public static Code local(Local local) {
    return new Code(List.of(new LocalRef(local, false)));
  }

  public static Code type(TypeMirror type) {
    return new Code(List.of(new TypeRef(type)));
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Part> parts() {
    return parts;
  }

  public boolean isEmpty() {
    return parts.isEmpty();
  }

  /** The locals this fragment reads inside lambdas or class bodies. */
  public List<Local> capturedLocals() {
    List<Local> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof LocalRef ref && ref.captured() && !out.contains(ref.local())) {
        out.add(ref.local());
      }
    }
    return out;
  }

  /** Every local this fragment mentions. */
  public List<Local> locals() {
    List<Local> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof LocalRef ref) {
        out.add(ref.local());
      }
    }
    return out;
  }

  /** Plain text of the fragment with types and names as written, for comments and messages. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      if (p instanceof Text t) {
        sb.append(t.text());
      } else if (p instanceof TypeRef t) {
        sb.append(t.type());
      } else if (p instanceof ClassRef c) {
        sb.append(c.type().getSimpleName());
      } else if (p instanceof LocalRef l) {
        sb.append(l.local().name());
      } else if (p instanceof MemberRef m) {
        sb.append(m.name());
      }
    }
    return sb.toString();
  }

  /** Builds a fragment from text and parts, merging adjacent text. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();

    public Builder add(String text) {
      if (text.isEmpty()) {
        return this;
      }
      if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Text last) {
        parts.set(parts.size() - 1, new Text(last.text() + text));
      } else {
        parts.add(new Text(text));
      }
      return this;
    }

    public Builder add(Part part) {
      if (part instanceof Text t) {
        return add(t.text());
      }
      parts.add(part);
      return this;
    }

    public Builder add(Code code) {
      for (Part p : code.parts) {
        add(p);
      }
      return this;
    }

    public Builder type(TypeMirror type) {
      return add(new TypeRef(type));
    }

    public Builder local(Local local) {
      return add(new LocalRef(local, false));
    }

    public Code build() {
      return parts.isEmpty() ? EMPTY : new Code(Collections.unmodifiableList(new ArrayList<>(parts)));
    }
  }
}
