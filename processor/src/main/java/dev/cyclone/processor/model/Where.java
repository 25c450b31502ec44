package dev.cyclone.processor.model;

/**
 * A place in the user's source that a state or region of a state machine stands for: the comment
 * over its case ({@code Foo.java:12: while condition — while (x < 3)}), and the line that an async
 * stack trace names when a failure passes through it.
 *
 * @param file the source file's simple name
 * @param line the 1-based line, or 0 when the state stands for no single line
 * @param what what the state is (a loop's condition, the code after an await, ...)
 * @param text the source there, shortened, or empty
 */
public record Where(String file, long line, String what, String text) {
  /** A state of the generated code's own, with no line in the user's source. */
  public static Where generated(String what) {
    return new Where("", 0, what, "");
  }

  @Override
  public String toString() {
    String place = line > 0 ? file + ":" + line + ": " : "";
    return place + what + (text.isEmpty() ? "" : " — " + text);
  }
}
