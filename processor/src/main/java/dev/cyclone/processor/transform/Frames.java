package dev.cyclone.processor.transform;

import com.sun.source.tree.Tree;
import dev.cyclone.processor.model.Local;
import java.util.ArrayList;
import java.util.List;

/** What encloses the code being lowered: statements that can be left by a jump, and finallys. */
final class Frames {
  private Frames() {}

  /** Something enclosing the current code. */
  sealed interface Frame permits Breakable, Finally {}

  /**
   * A loop, switch or labeled statement that was split into states: {@code break} jumps to {@code
   * breakTarget}, {@code continue} (loops only, else -1) to {@code continueTarget}.
   */
  record Breakable(Tree tree, Tree labeled, int breakTarget, int continueTarget) implements Frame {
    boolean matches(Tree target) {
      return target == tree || (labeled != null && target == labeled);
    }
  }

  /**
   * A try whose finally code was split into states. Every exit that crosses it (a return, a break,
   * a continue) stores a branch number and runs the finally code first; the code after the finally
   * replays the exit by its number.
   */
  static final class Finally implements Frame {
    final int entry;
    final Local pending;
    final Local branch;
    final List<Exit> exits = new ArrayList<>();

    Finally(int entry, Local pending, Local branch) {
      this.entry = entry;
      this.pending = pending;
      this.branch = branch;
    }

    /** Registers an exit and returns its branch number (0 is "go on after the try"). */
    int register(Exit exit) {
      exits.add(exit);
      return exits.size();
    }
  }

  /** An exit through finally code: a break or continue to {@code target}, or a return. */
  record Exit(Breakable target, boolean isContinue, boolean isReturn) {}
}
