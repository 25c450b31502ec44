package dev.cyclone.processor.validation;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The problems a validator found: all of them, so a user sees every misuse in one compile. Printing
 * is separate from finding, as in Dagger's {@code ValidationReport}.
 */
public final class Report {
  private final List<Problem> problems = new ArrayList<>();

  /** Records a problem on an element (a method, a class). */
  public void error(Element element, String message) {
    problems.add(new Problem(message, element, null));
  }

  /** Records a problem on a tree inside {@code element}'s source (an expression, a statement). */
  public void error(Element element, Tree tree, String message) {
    problems.add(new Problem(message, element, tree));
  }

  public boolean isClean() {
    return problems.isEmpty();
  }

  public List<Problem> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** Adds another report's problems to this one. */
  public void addAll(Report other) {
    problems.addAll(other.problems);
  }

  /** Prints every problem as a compile error on the user's own line (or element). */
  public void print(Messager messager, Trees trees) {
    for (Problem p : problems) {
      TreePath path = p.tree() == null ? null : trees.getPath(p.element());
      if (path != null) {
        trees.printMessage(Diagnostic.Kind.ERROR, p.message(), p.tree(), path.getCompilationUnit());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, p.message(), p.element());
      }
    }
  }
}
