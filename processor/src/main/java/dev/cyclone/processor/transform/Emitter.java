package dev.cyclone.processor.transform;

import dev.cyclone.processor.model.Code;
import dev.cyclone.processor.model.Line;
import dev.cyclone.processor.model.Local;
import dev.cyclone.processor.model.Region;
import dev.cyclone.processor.model.State;
import dev.cyclone.processor.model.Where;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the states of one state machine in order: the lowering appends lines to the current state,
 * starts new states, and ends states with jumps, suspensions and returns.
 *
 * <p>Invariant kept for the exception table: while a state's code runs, {@code state$} holds its id.
 * A state is entered by a jump ({@code state$ = N; continue loop$;}), by an {@code await$} (which
 * sets {@code state$} itself), or by falling through after {@code state$ = N;} into the next case.
 */
final class Emitter {
  /** The label of the loop around the switch, the target of every jump. */
  static final String LOOP = "loop$";

  private final List<State> states = new ArrayList<>();
  private final List<Region> regions = new ArrayList<>();
  private int nextId;

  private int currentId = -1;
  private Where currentComment;
  private int currentRegion = -1;
  private List<Line> currentLines;
  private boolean terminated = true;
  /** True right after await$, which already set state$ to the state that follows. */
  private boolean stateAlreadySet;

  /** Reserves a state id without placing it; {@link #start} places it. */
  int newState() {
    return nextId++;
  }

  /** The id of the state being written. */
  int current() {
    return currentId;
  }

  int region() {
    return currentRegion;
  }

  /**
   * Places state {@code id} next, in region {@code region}. If the previous state can still fall
   * off its end, it sets {@code state$} and falls through into this one.
   */
  void start(int id, int region, Where comment) {
    if (!terminated) {
      if (!stateAlreadySet) {
        currentLines.add(new Line.Statement(Code.of("state$ = " + id + ";")));
      }
    }
    finishCurrent();
    currentId = id;
    currentRegion = region;
    currentComment = comment;
    currentLines = new ArrayList<>();
    terminated = false;
    stateAlreadySet = false;
  }

  /** As {@link #start(int, int, Where)}, staying in the current region. */
  void start(int id, Where comment) {
    start(id, currentRegion, comment);
  }

  /** Starts a fresh state in the same region when code is emitted after a jump (dead code). */
  private void ensureOpen() {
    if (terminated) {
      start(newState(), currentRegion, currentComment);
    }
  }

  /** Appends a statement to the current state. */
  void emit(Code code) {
    ensureOpen();
    markUses(code);
    currentLines.add(new Line.Statement(code));
  }

  void emit(String text) {
    emit(Code.of(text));
  }

  /** Appends a declaration of {@code local} (initializer may be null). */
  void declare(Local local, Code init) {
    ensureOpen();
    local.usedIn(currentId);
    if (init != null) {
      markUses(init);
    }
    currentLines.add(new Line.Declare(local, init));
  }

  /** Appends the end of {@code local}'s scope (see {@link Line.Clear}). */
  void clear(Local local) {
    if (!terminated) {
      currentLines.add(new Line.Clear(local));
    }
  }

  /** Ends the current state with {@code state$ = target; continue loop$;}. */
  void jump(int target) {
    emit("state$ = " + target + ";\ncontinue " + LOOP + ";");
    terminated = true;
  }

  /** The text of a jump, for code spliced inside a statement (a break out of a copied loop). */
  static String jumpText(int target) {
    return "{ state$ = " + target + "; continue " + LOOP + "; }";
  }

  /**
   * Suspends on {@code future}: {@code if (await$(future, next)) return;} and starts {@code next},
   * where the coroutine resumes and reads the outcome.
   */
  int suspend(Code future, Where resumeComment) {
    int next = newState();
    emit(Code.builder().add("if (await$(").add(future).add(", " + next + ")) return;").build());
    stateAlreadySet = true;
    start(next, resumeComment);
    return next;
  }

  /** Ends the current state with code that leaves resume$ (a return, a throw). */
  void terminate(Code code) {
    emit(code);
    terminated = true;
  }

  boolean isTerminated() {
    return terminated;
  }

  /** Adds a try region; its id is its index. */
  int addRegion(Region region) {
    regions.add(region);
    return regions.size() - 1;
  }

  /** Replaces a region once its handlers' targets are known. */
  void setRegion(Region region) {
    regions.set(region.id(), region);
  }

  int nextRegionId() {
    return regions.size();
  }

  List<State> finish() {
    finishCurrent();
    return List.copyOf(states);
  }

  List<Region> regions() {
    return List.copyOf(regions);
  }

  private void finishCurrent() {
    if (currentLines != null) {
      states.add(new State(currentId, currentComment, currentRegion, List.copyOf(currentLines)));
      currentLines = null;
    }
  }

  private void markUses(Code code) {
    for (Local local : code.locals()) {
      local.usedIn(currentId);
    }
  }
}
