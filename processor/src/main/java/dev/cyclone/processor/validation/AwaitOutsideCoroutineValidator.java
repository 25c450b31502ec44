package dev.cyclone.processor.validation;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.cyclone.processor.transform.Awaits;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Finds awaits in methods that are not {@code @Coroutine}: they would fail at run time, so they are
 * compile errors. A cheap syntactic pass finds calls named {@code await}; only those are resolved.
 */
public final class AwaitOutsideCoroutineValidator {
  private static final String COROUTINE = "dev.cyclone.annotations.Coroutine";

  private final Trees trees;
  private final Awaits awaits;

  public AwaitOutsideCoroutineValidator(Trees trees) {
    this.trees = trees;
    this.awaits = new Awaits(trees);
  }

  /** Every await in {@code type}'s source outside a {@code @Coroutine} method body. */
  public Report validate(TypeElement type) {
    Report report = new Report();
    TreePath path = trees.getPath(type);
    if (path == null) {
      return report;
    }
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree node, Void unused) {
        Element method = trees.getElement(getCurrentPath());
        if (method != null && method.getAnnotationMirrors().stream()
            .anyMatch(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(COROUTINE))) {
          return null;
        }
        return super.visitMethod(node, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (Awaits.namedAwait(node) && awaits.isAwait(getCurrentPath())) {
          report.error(type, node, "[AwaitOutsideCoroutine] await can only be used in a @Coroutine method;"
              + " annotate the enclosing method with @Coroutine (and return CompletableFuture<T>), or"
              + " use the future's callbacks");
        }
        return super.visitMethodInvocation(node, unused);
      }
    }.scan(path, null);
    return report;
  }
}
