package dev.cyclone.processor.model;

/**
 * One statement of a state's code. A {@link Declare} introduces a managed {@link Local}: the writer
 * renders it as a declaration when the local stays a Java local, or as an assignment to its field.
 */
public sealed interface Line permits Line.Statement, Line.Declare, Line.Clear {
  /** Code to render as it is (with its own semicolon or braces). */
  record Statement(Code code) implements Line {}

  /** {@code T local = init;} — {@code init} is null for a declaration without initializer. */
  record Declare(Local local, Code init) implements Line {}

  /**
   * The end of a reference local's scope: {@code local = null;} when it lives in a field, so the
   * state machine does not keep what the body no longer needs; nothing when it is a Java local.
   */
  record Clear(Local local) implements Line {}
}
