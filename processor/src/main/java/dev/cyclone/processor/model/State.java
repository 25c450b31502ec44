package dev.cyclone.processor.model;

import java.util.List;

/**
 * One case of the state machine's switch: the code from one resumption point to the next jump,
 * suspension or end.
 *
 * @param id the case label; {@code state$} holds it while this code runs
 * @param where where this state resumes in the user's source, e.g. {@code Foo.java:12: while (...)}:
 *     the comment over its case, and the line of an async stack trace frame
 * @param region the innermost try region whose handlers apply here, or -1
 * @param lines the code
 */
public record State(int id, Where where, int region, List<Line> lines) {}
