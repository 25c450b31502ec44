package dev.cyclone.processor.model;

import java.util.BitSet;
import javax.lang.model.type.TypeMirror;

/**
 * A variable of a coroutine body that the lowering manages: a parameter, a local declared at a
 * level the lowering splits into states, a catch parameter, or a temporary of its own. It becomes a
 * field of the state machine when it is used in more than one state (it must survive a suspension);
 * otherwise it stays a Java local of the state where it lives.
 *
 * <p>The lowering records where the local is used while it runs; the writer only reads it.
 */
public final class Local {
  /** What declared the local. */
  public enum Kind {
    PARAMETER,
    LOCAL,
    TEMPORARY
  }

  private final String name;
  private final TypeMirror type;
  private final Kind kind;
  private final boolean declaredFinal;
  private final BitSet states = new BitSet();
  private boolean forcedField;

  public Local(String name, TypeMirror type, Kind kind, boolean declaredFinal) {
    this.name = name;
    this.type = type;
    this.kind = kind;
    this.declaredFinal = declaredFinal;
  }

  public String name() {
    return name;
  }

  public TypeMirror type() {
    return type;
  }

  public Kind kind() {
    return kind;
  }

  public boolean declaredFinal() {
    return declaredFinal;
  }

  /** Records a declaration or use in {@code state}. */
  public void usedIn(int state) {
    states.set(state);
  }

  /** Makes the local a field whatever its uses (assigned outside any state, e.g. by a handler). */
  public void forceField() {
    forcedField = true;
  }

  /** True when the local must survive a suspension, so lives in a field of the state machine. */
  public boolean isField() {
    return forcedField || kind == Kind.PARAMETER || states.cardinality() > 1;
  }

  @Override
  public String toString() {
    return name;
  }
}
