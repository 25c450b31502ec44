package dev.cyclone.processor.transform;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.List;

/**
 * Whether a case has Java 21's pattern or {@code null} labels. The processor is built for Java 17,
 * whose tree API has neither {@code CaseTree.getLabels()} as a final API nor the kinds of those
 * labels, so this reads the labels reflectively and the kinds by name: it works on the javac of
 * whatever JDK runs the build.
 */
final class PatternLabels {
  private static final List<String> PATTERN_KINDS =
      List.of("PATTERN_CASE_LABEL", "BINDING_PATTERN", "RECORD_PATTERN", "PARENTHESIZED_PATTERN", "NULL_LITERAL");

  private PatternLabels() {}

  static boolean has(CaseTree c) {
    for (Tree label : labels(c)) {
      boolean[] found = {false};
      new TreeScanner<Void, Void>() {
        @Override
        public Void scan(Tree tree, Void unused) {
          if (tree != null && PATTERN_KINDS.contains(tree.getKind().name())) {
            found[0] = true;
          }
          return found[0] ? null : super.scan(tree, unused);
        }
      }.scan(label, null);
      if (found[0]) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static List<? extends Tree> labels(CaseTree c) {
    try {
      return (List<? extends Tree>) CaseTree.class.getMethod("getLabels").invoke(c);
    } catch (ReflectiveOperationException | RuntimeException notThere) {
      return c.getExpressions();
    }
  }
}
