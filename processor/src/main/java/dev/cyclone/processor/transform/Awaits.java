package dev.cyclone.processor.transform;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Finds {@code Coroutines.await(...)} calls in attributed trees. A call is an await when javac
 * resolved it to {@code dev.cyclone.concurrent.Coroutines.await}, however it was written (static
 * import, qualified, fully qualified).
 */
public final class Awaits {
  public static final String COROUTINES = "dev.cyclone.concurrent.Coroutines";

  private final Trees trees;
  private final Map<Tree, Boolean> contains = new IdentityHashMap<>();

  public Awaits(Trees trees) {
    this.trees = trees;
  }

  /** True when {@code path} leads to an await call. */
  public boolean isAwait(TreePath path) {
    if (!(path.getLeaf() instanceof MethodInvocationTree call) || !namedAwait(call)) {
      return false;
    }
    Element method = trees.getElement(path);
    return method != null
        && method.getKind() == ElementKind.METHOD
        && method.getEnclosingElement() instanceof TypeElement owner
        && owner.getQualifiedName().contentEquals(COROUTINES);
  }

  /** A cheap syntactic test: is the call written {@code await(...)} or {@code X.await(...)}? */
  public static boolean namedAwait(MethodInvocationTree call) {
    Tree select = call.getMethodSelect();
    if (select instanceof MemberSelectTree member) {
      return member.getIdentifier().contentEquals("await");
    }
    return select.toString().equals("await");
  }

  /**
   * True when the tree at {@code path} contains an await outside lambda and class bodies (an await
   * inside those is a compile error reported by validation). Memoized per tree.
   */
  public boolean containsAwait(TreePath path) {
    Tree leaf = path.getLeaf();
    Boolean known = contains.get(leaf);
    if (known != null) {
      return known;
    }
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (found[0] || tree == null) {
          return null;
        }
        return super.scan(tree, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (isAwait(getCurrentPath())) {
          found[0] = true;
          return null;
        }
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        return null;
      }
    }.scan(path, null);
    contains.put(leaf, found[0]);
    return found[0];
  }
}
