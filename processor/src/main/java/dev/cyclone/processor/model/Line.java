package dev.cyclone.processor.model;

/**
 * One statement of a state's code. A {@link Declare} introduces a managed {@link Local}: the writer
 * renders it as a declaration when the local stays a Java local, or as an assignment to its field.
 */
public sealed interface Line permits Line.Statement, Line.Declare {
  /** Code to render as it is (with its own semicolon or braces). */
  record Statement(Code code) implements Line {}

  /** {@code T local = init;} — {@code init} is null for a declaration without initializer. */
  record Declare(Local local, Code init) implements Line {}
}
