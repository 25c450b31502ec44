package dev.cyclone.processor.model;

import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code try} whose body the lowering split into states: its handlers are the state machine's
 * exception table for those states.
 *
 * @param id index in {@link StateMachine#regions()}
 * @param parent the enclosing region, or -1
 * @param comment the source line of the {@code try}
 * @param catches the catch clauses, tried in order
 * @param finallyTarget the first state of the finally code, or -1 when there is none
 * @param pending the local holding the exception that entered the finally code (null without one)
 * @param branch the local holding which exit to replay after the finally code (null without one)
 */
public record Region(
    int id,
    int parent,
    String comment,
    List<Catch> catches,
    int finallyTarget,
    Local pending,
    Local branch) {

  /** {@code catch (A | B param)}: jump to {@code target} with the exception in {@code param}. */
  public record Catch(List<TypeMirror> types, Local param, int target) {}
}
