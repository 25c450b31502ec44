package dev.cyclone.processor.validation;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.cyclone.processor.transform.Awaits;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * Checks a {@code @Coroutine} body: where its awaits stand, and what it uses that the generated
 * subclass could not reach. Runs on attributed trees, so names are checked as javac resolved them.
 */
public final class BodyValidator {
  private final Trees trees;
  private final Awaits awaits;

  public BodyValidator(Trees trees) {
    this.trees = trees;
    this.awaits = new Awaits(trees);
  }

  /** Every problem of {@code method}'s body. */
  public Report validate(ExecutableElement method) {
    Report report = new Report();
    TreePath path = trees.getPath(method);
    if (path == null || ((MethodTree) path.getLeaf()).getBody() == null) {
      return report;
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    new Checker(method, owner, report).scan(new TreePath(path, ((MethodTree) path.getLeaf()).getBody()), null);
    return report;
  }

  /**
   * True when javac found errors in {@code method}'s body (an unknown name, a type that does not
   * exist): then nothing is generated, so the user sees javac's error once, on their own line, and
   * not again inside generated code.
   */
  public boolean hasJavacErrors(ExecutableElement method) {
    TreePath path = trees.getPath(method);
    if (path == null || ((MethodTree) path.getLeaf()).getBody() == null) {
      return false;
    }
    boolean[] found = {false};
    new TreePathScanner<Void, Void>() {
      private void check() {
        javax.lang.model.type.TypeMirror type = trees.getTypeMirror(getCurrentPath());
        found[0] |= type != null && type.getKind() == javax.lang.model.type.TypeKind.ERROR;
      }

      @Override
      public Void visitIdentifier(IdentifierTree node, Void unused) {
        check();
        return super.visitIdentifier(node, unused);
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree node, Void unused) {
        check();
        return super.visitMemberSelect(node, unused);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
        check();
        return super.visitMethodInvocation(node, unused);
      }

      @Override
      public Void visitNewClass(NewClassTree node, Void unused) {
        check();
        return super.visitNewClass(node, unused);
      }
    }.scan(new TreePath(path, ((MethodTree) path.getLeaf()).getBody()), null);
    return found[0];
  }

  private final class Checker extends TreePathScanner<Void, Void> {
    private final ExecutableElement method;
    private final TypeElement owner;
    private final Report report;
    private int lambdas;
    private int classes;
    private int synchronizedBlocks;

    Checker(ExecutableElement method, TypeElement owner, Report report) {
      this.method = method;
      this.owner = owner;
      this.report = report;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      lambdas++;
      super.visitLambdaExpression(node, unused);
      lambdas--;
      return null;
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      classes++;
      super.visitClass(node, unused);
      classes--;
      return null;
    }

    @Override
    public Void visitSynchronized(SynchronizedTree node, Void unused) {
      synchronizedBlocks++;
      super.visitSynchronized(node, unused);
      synchronizedBlocks--;
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      if (Awaits.namedAwait(node) && awaits.isAwait(getCurrentPath())) {
        if (classes > 0) {
          report.error(method, node, "[AwaitInClassBody] await cannot be used inside an anonymous or local"
              + " class body: its methods run outside the coroutine; await in the @Coroutine method itself");
        } else if (lambdas > 0) {
          report.error(method, node, "[AwaitInLambda] await cannot be used inside a lambda: the lambda runs"
              + " later, outside the coroutine; await before creating it, or make the lambda's work a"
              + " @Coroutine method");
        } else if (synchronizedBlocks > 0) {
          report.error(method, node, "[AwaitInSynchronized] await inside a synchronized block would release"
              + " the lock while the coroutine is suspended; await outside the block (code on one event"
              + " loop needs no lock), or use dev.cyclone.locks.Lock");
        }
      }
      checkSuperCall(node);
      return super.visitMethodInvocation(node, unused);
    }

    private void checkSuperCall(MethodInvocationTree node) {
      if (!(node.getMethodSelect() instanceof MemberSelectTree select) || classes > 0) {
        return;
      }
      String receiver = select.getExpression().toString();
      if (!receiver.equals("super") && !receiver.endsWith(".super")) {
        return;
      }
      Element target = trees.getElement(getCurrentPath());
      if (!(target instanceof ExecutableElement called)) {
        return;
      }
      if (receiver.endsWith(".super")) {
        report.error(method, node, "[CoroutineUnsupported] " + receiver + "." + called.getSimpleName()
            + "() cannot be called from the generated subclass; call it from a helper method of "
            + owner.getSimpleName() + " and call that helper");
        return;
      }
      boolean overridden = ElementFilter.methodsIn(owner.getEnclosedElements()).stream()
          .anyMatch(m -> m.getSimpleName().equals(called.getSimpleName()) && !m.equals(called)
              && m.getParameters().size() == called.getParameters().size());
      if (overridden && lambdas > 0) {
        report.error(method, node, "[CoroutineUnsupported] super." + called.getSimpleName() + "() inside a"
            + " lambda names the superclass's method, which " + owner.getSimpleName() + " overrides, and"
            + " the generated subclass cannot call it from a lambda; call it outside the lambda, or"
            + " from a helper method of " + owner.getSimpleName());
      }
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      checkPrivate(node);
      return super.visitIdentifier(node, unused);
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void unused) {
      checkPrivate(node);
      return super.visitMemberSelect(node, unused);
    }

    @Override
    public Void visitNewClass(NewClassTree node, Void unused) {
      checkPrivate(node);
      return super.visitNewClass(node, unused);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree node, Void unused) {
      checkPrivate(node);
      return super.visitMemberReference(node, unused);
    }

    private void checkPrivate(Tree node) {
      Element element = trees.getElement(getCurrentPath());
      if (element == null || !element.getModifiers().contains(Modifier.PRIVATE)) {
        return;
      }
      ElementKind kind = element.getKind();
      if (!(kind.isField() || kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR
          || kind.isClass() || kind.isInterface())) {
        return;
      }
      Element declaringType = kind.isClass() || kind.isInterface() ? element : element.getEnclosingElement();
      if (declaringType instanceof TypeElement t
          && (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS)) {
        return;
      }
      String what = kind == ElementKind.CONSTRUCTOR ? "constructor of " + element.getEnclosingElement().getSimpleName()
          : kind.toString().toLowerCase().replace('_', ' ') + " " + element.getSimpleName();
      report.error(method, node, "[CoroutinePrivateMember] @Coroutine body uses private " + what
          + ", which the generated subclass " + owner.getSimpleName() + "_Coroutines cannot reach;"
          + " make it package-private");
    }
  }
}
