package dev.cyclone.processor.validation;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.lang.model.element.TypeElement;

/**
 * Checks, from the source as written, where awaits and coroutines stand: an await in a method
 * that is not {@code @Coroutine} would fail at run time, and a {@code @Coroutine} method of a local
 * or anonymous class could never be compiled (javac does not show those classes to processors).
 *
 * <p>This check reads names as written, with the file's imports, and never asks javac to attribute
 * a class: attributing a class in a round that generates nothing would leave javac's trees
 * attributed twice.
 */
public final class PlacementValidator {
  private static final String COROUTINES = "dev.cyclone.concurrent.Coroutines";

  private final Trees trees;

  public PlacementValidator(Trees trees) {
    this.trees = trees;
  }

  /**
   * Every await in {@code type}'s source outside a {@code @Coroutine} method body, and every
   * {@code @Coroutine} method of a local or anonymous class in it.
   */
  public Report validate(TypeElement type) {
    Report report = new Report();
    TreePath path = trees.getPath(type);
    if (path == null) {
      return report;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    boolean staticImport = false;
    boolean classImport = unit.getPackageName() != null
        && unit.getPackageName().toString().equals("dev.cyclone.concurrent");
    for (ImportTree i : unit.getImports()) {
      String name = i.getQualifiedIdentifier().toString();
      if (i.isStatic()) {
        staticImport |= name.equals(COROUTINES + ".await") || name.equals(COROUTINES + ".*");
      } else {
        classImport |= name.equals(COROUTINES) || name.equals("dev.cyclone.concurrent.*");
      }
    }
    boolean unqualified = staticImport;
    boolean simpleQualified = classImport;
    new TreePathScanner<Void, Void>() {
      /** Whether each enclosing class declares a method named await, which would hide the import. */
      private final Deque<Boolean> declaresAwait = new ArrayDeque<>();

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        boolean own = node.getMembers().stream()
            .anyMatch(m -> m instanceof MethodTree mt && mt.getName().contentEquals("await"));
        declaresAwait.push(own);
        super.visitClass(node, unused);
        declaresAwait.pop();
        return null;
      }

      @Override
      public Void visitMethod(MethodTree node, Void unused) {
        boolean coroutine = node.getModifiers().getAnnotations().stream().anyMatch(a -> {
          String name = a.getAnnotationType().toString();
          return name.equals("Coroutine") || name.equals("dev.cyclone.annotations.Coroutine");
        });
        if (coroutine && isLocalOrAnonymous(getCurrentPath().getParentPath())) {
          report.error(type, node, "[CoroutineInnerClass] @Coroutine methods are not supported in local"
              + " or anonymous classes: no subclass can be generated for them; move the method into a"
              + " top-level or static nested class");
        }
        return coroutine ? null : super.visitMethod(node, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        if (callsAwait(node.getMethodSelect())) {
          report.error(type, node, "[AwaitOutsideCoroutine] await can only be used in a @Coroutine method;"
              + " annotate the enclosing method with @Coroutine (and return CompletableFuture<T>), or"
              + " use the future's callbacks");
        }
        return super.visitMethodInvocation(node, unused);
      }

      /** True when the class at {@code classPath} is declared in a method body or expression. */
      private boolean isLocalOrAnonymous(TreePath classPath) {
        Tree parent = classPath.getParentPath() == null ? null : classPath.getParentPath().getLeaf();
        return !(parent instanceof ClassTree) && !(parent instanceof CompilationUnitTree);
      }

      private boolean callsAwait(Tree select) {
        if (select instanceof MemberSelectTree member) {
          if (!member.getIdentifier().contentEquals("await")) {
            return false;
          }
          String qualifier = member.getExpression().toString();
          return qualifier.equals(COROUTINES) || (simpleQualified && qualifier.equals("Coroutines"));
        }
        return unqualified && select.toString().equals("await") && !declaresAwait.contains(true);
      }
    }.scan(path, null);
    return report;
  }
}
