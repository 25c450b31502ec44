package dev.cyclone.processor.transform;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.List;

/**
 * Whether a statement copied as it is can complete normally (JLS 14.22), so the lowering knows if
 * code may follow it. Answers {@link #MAYBE} where telling would need javac's constant folding; the
 * lowering then wraps the statement in {@code if (true) { ... }}, which javac treats as able to
 * complete, so the code that follows stays legal.
 */
enum Completion {
  YES,
  NO,
  MAYBE;

  static Completion of(Tree tree) {
    if (tree == null) {
      return YES;
    }
    switch (tree.getKind()) {
      case RETURN, THROW, BREAK, CONTINUE, YIELD:
        return NO;
      case BLOCK: {
        List<? extends StatementTree> statements = ((BlockTree) tree).getStatements();
        return statements.isEmpty() ? YES : of(statements.get(statements.size() - 1));
      }
      case IF: {
        IfTree i = (IfTree) tree;
        return i.getElseStatement() == null ? YES : or(of(i.getThenStatement()), of(i.getElseStatement()));
      }
      case WHILE_LOOP:
        return loop(((WhileLoopTree) tree).getCondition(), tree, null);
      case FOR_LOOP:
        return loop(((ForLoopTree) tree).getCondition(), tree, null);
      case DO_WHILE_LOOP:
        return MAYBE;
      case ENHANCED_FOR_LOOP:
        return YES;
      case LABELED_STATEMENT: {
        LabeledStatementTree l = (LabeledStatementTree) tree;
        Completion inner = of(l.getStatement());
        return inner == YES || breaksTo(l.getStatement(), l.getLabel().toString()) ? YES : inner;
      }
      case SYNCHRONIZED:
        return of(((SynchronizedTree) tree).getBlock());
      case TRY: {
        TryTree t = (TryTree) tree;
        Completion body = of(t.getBlock());
        for (CatchTree c : t.getCatches()) {
          body = or(body, of(c.getBlock()));
        }
        Completion fin = t.getFinallyBlock() == null ? YES : of(t.getFinallyBlock());
        return and(body, fin);
      }
      case SWITCH: {
        SwitchTree s = (SwitchTree) tree;
        boolean hasDefault = false;
        for (CaseTree c : s.getCases()) {
          hasDefault |= c.getExpressions().isEmpty();
        }
        if (!hasDefault || breaksTo(tree, null)) {
          return YES;
        }
        return MAYBE;
      }
      default:
        return YES;
    }
  }

  private static Completion loop(ExpressionTree condition, Tree loop, String label) {
    while (condition instanceof ParenthesizedTree p) {
      condition = p.getExpression();
    }
    if (condition == null || (condition instanceof LiteralTree lit && Boolean.TRUE.equals(lit.getValue()))) {
      return breaksTo(loop, label) ? YES : NO;
    }
    if (condition instanceof LiteralTree) {
      return YES;
    }
    return condition.getKind() == Tree.Kind.IDENTIFIER || condition.getKind() == Tree.Kind.MEMBER_SELECT
        ? MAYBE
        : YES;
  }

  /** True when a break inside {@code tree} leaves it (unlabeled at its own level, or to label). */
  private static boolean breaksTo(Tree tree, String label) {
    boolean[] found = {false};
    new TreeScanner<Void, Integer>() {
      @Override
      public Void visitBreak(BreakTree node, Integer depth) {
        if (label != null ? node.getLabel() != null && node.getLabel().contentEquals(label)
            : node.getLabel() == null && depth == 0) {
          found[0] = true;
        }
        return null;
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree node, Integer depth) {
        return node == tree ? super.visitWhileLoop(node, depth) : super.visitWhileLoop(node, depth + 1);
      }

      @Override
      public Void visitForLoop(ForLoopTree node, Integer depth) {
        return node == tree ? super.visitForLoop(node, depth) : super.visitForLoop(node, depth + 1);
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree node, Integer depth) {
        return node == tree ? super.visitDoWhileLoop(node, depth) : super.visitDoWhileLoop(node, depth + 1);
      }

      @Override
      public Void visitEnhancedForLoop(com.sun.source.tree.EnhancedForLoopTree node, Integer depth) {
        return super.visitEnhancedForLoop(node, depth + 1);
      }

      @Override
      public Void visitSwitch(SwitchTree node, Integer depth) {
        return node == tree ? super.visitSwitch(node, depth) : super.visitSwitch(node, depth + 1);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree node, Integer depth) {
        return null;
      }
    }.scan(tree, 0);
    return found[0];
  }

  private static Completion or(Completion a, Completion b) {
    if (a == YES || b == YES) {
      return YES;
    }
    return a == NO && b == NO ? NO : MAYBE;
  }

  private static Completion and(Completion a, Completion b) {
    if (a == NO || b == NO) {
      return NO;
    }
    return a == YES && b == YES ? YES : MAYBE;
  }
}
