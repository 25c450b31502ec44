package dev.cyclone.processor.transform;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import dev.cyclone.processor.model.Code;
import dev.cyclone.processor.model.Local;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers expressions that contain awaits, keeping Java's evaluation order: every operand to the left
 * of an await is evaluated once, before it, into a temporary (a spill); {@code &&}, {@code ||} and
 * {@code ?:} become jumps so the branch not taken is never evaluated; compound assignments read
 * their left side before the await. What is left after the last await is copied as written, with
 * the awaits' values read by {@code get$()} where they stood.
 */
final class ExpressionLowering {
  private final Lowering lowering;

  ExpressionLowering(Lowering lowering) {
    this.lowering = lowering;
  }

  /** The code of an expression, after emitting whatever must run before it. */
  Code lower(TreePath path) {
    if (!lowering.awaits.containsAwait(path)) {
      return lowering.splicer.splice(path, Map.of(), true);
    }
    Tree tree = path.getLeaf();
    if (lowering.awaits.isAwait(path)) {
      return lowerAwait(path, true);
    }
    return switch (tree.getKind()) {
      case CONDITIONAL_AND, CONDITIONAL_OR -> shortCircuit(path);
      case CONDITIONAL_EXPRESSION -> conditional(path);
      case ASSIGNMENT -> assignment(path);
      case SWITCH_EXPRESSION -> switchExpression(path);
      case LAMBDA_EXPRESSION -> throw new UnsupportedConstruct(tree,
          "[AwaitInLambda] await cannot be used inside a lambda: the lambda runs later, outside the"
              + " coroutine; await before creating it, or make the lambda's work a @Coroutine method");
      default -> {
        if (tree instanceof CompoundAssignmentTree) {
          yield compound(path);
        }
        yield spliceWithOperands(path, operands(path));
      }
    };
  }

  /**
   * An expression used as a statement: as {@link #lower}, except that a lone await is just {@code
   * get$()} (its value is dropped, its failure still thrown).
   */
  Code lowerStatementExpression(TreePath path) {
    if (lowering.awaits.isAwait(path)) {
      return lowerAwait(path, false);
    }
    return lower(path);
  }

  /** An await whose value initializes a declared variable: {@code get$()}, typed by its target. */
  Code lowerAwaitForTarget(TreePath path) {
    return lowerAwait(path, false);
  }

  private Code lowerAwait(TreePath path, boolean typed) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    TreePath futurePath = new TreePath(path, call.getArguments().get(0));
    Code future = lower(futurePath);
    lowering.emitter.suspend(future, lowering.comment(call, "resumes after"));
    if (!typed) {
      return Code.of("get$()");
    }
    TypeMirror type = lowering.typeOf(path);
    if (type.getKind().isPrimitive()) {
      type = lowering.types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType();
    }
    return Code.builder().add("this.<").type(type).add(">get$()").build();
  }

  /**
   * A switch expression: when only its selector awaits, the selector is lowered and the rest copied;
   * when a case awaits, the cases become states that store the yielded value in a temporary.
   */
  private Code switchExpression(TreePath path) {
    SwitchExpressionTree tree = (SwitchExpressionTree) path.getLeaf();
    TreePath selector = new TreePath(path, tree.getExpression());
    boolean casesAwait = tree.getCases().stream()
        .anyMatch(c -> lowering.awaits.containsAwait(new TreePath(path, c)));
    if (!casesAwait) {
      return spliceWithOperands(path, List.of(selector));
    }
    Local result = lowering.temporary("yielded", lowering.typeOf(path));
    result.forceField();
    int after = lowering.emitter.newState();
    lowering.enterSwitchExpression(tree, result, after);
    lowering.lowerCases(path, selector, tree.getCases(), after);
    lowering.exitSwitchExpression();
    lowering.emitter.start(after, lowering.comment(tree, "after switch expression"));
    return Code.local(result);
  }

  private Code shortCircuit(TreePath path) {
    BinaryTree tree = (BinaryTree) path.getLeaf();
    TreePath left = new TreePath(path, tree.getLeftOperand());
    TreePath right = new TreePath(path, tree.getRightOperand());
    if (!lowering.awaits.containsAwait(right)) {
      return spliceWithOperands(path, List.of(left));
    }
    Local result = lowering.temporary("cond", lowering.types.getPrimitiveType(TypeKind.BOOLEAN));
    lowering.emitter.declare(result, lower(left));
    int after = lowering.emitter.newState();
    boolean and = tree.getKind() == Tree.Kind.CONDITIONAL_AND;
    lowering.emitter.emit(Code.builder().add(and ? "if (!" : "if (").local(result).add(") ")
        .add(Emitter.jumpText(after)).build());
    Code value = lower(right);
    lowering.emitter.emit(Code.builder().local(result).add(" = ").add(value).add(";").build());
    lowering.emitter.start(after, lowering.comment(tree, and ? "after &&" : "after ||"));
    return Code.local(result);
  }

  private Code conditional(TreePath path) {
    ConditionalExpressionTree tree = (ConditionalExpressionTree) path.getLeaf();
    TreePath condition = new TreePath(path, tree.getCondition());
    TreePath whenTrue = new TreePath(path, tree.getTrueExpression());
    TreePath whenFalse = new TreePath(path, tree.getFalseExpression());
    if (!lowering.awaits.containsAwait(whenTrue) && !lowering.awaits.containsAwait(whenFalse)) {
      return spliceWithOperands(path, List.of(condition));
    }
    Local result = lowering.temporary("choice", lowering.typeOf(path));
    Code test = lower(condition);
    int otherwise = lowering.emitter.newState();
    int after = lowering.emitter.newState();
    lowering.emitter.emit(Code.builder().add("if (!(").add(test).add(")) ").add(Emitter.jumpText(otherwise)).build());
    lowering.emitter.declare(result, lower(whenTrue));
    lowering.emitter.jump(after);
    lowering.emitter.start(otherwise, lowering.comment(tree.getFalseExpression(), "else branch of ?:"));
    lowering.emitter.emit(Code.builder().local(result).add(" = ").add(lower(whenFalse)).add(";").build());
    lowering.emitter.start(after, lowering.comment(tree, "after ?:"));
    return Code.local(result);
  }

  private Code assignment(TreePath path) {
    AssignmentTree tree = (AssignmentTree) path.getLeaf();
    TreePath target = new TreePath(path, tree.getVariable());
    TreePath value = new TreePath(path, tree.getExpression());
    List<TreePath> operands = new ArrayList<>(targetOperands(target));
    operands.add(value);
    if (tree.getVariable() instanceof IdentifierTree && lowering.awaits.isAwait(value)) {
      // x = await(f): the value goes straight into x
      Map<Tree, Code> replacements = lowerOperands(operands.subList(0, operands.size() - 1));
      replacements.put(tree.getExpression(), lowerAwait(value, false));
      return lowering.splicer.splice(path, replacements, true);
    }
    return spliceWithOperands(path, operands);
  }

  /**
   * {@code x op= await(f)}: Java reads {@code x} before it evaluates the right side, so the value
   * is saved first and the assignment written out: {@code x = (T) (saved op value)}.
   */
  private Code compound(TreePath path) {
    CompoundAssignmentTree tree = (CompoundAssignmentTree) path.getLeaf();
    TreePath target = new TreePath(path, tree.getVariable());
    TreePath value = new TreePath(path, tree.getExpression());
    if (!lowering.awaits.containsAwait(value)) {
      return spliceWithOperands(path, targetOperands(target));
    }
    Element variable = lowering.trees.getElement(target);
    if (tree.getVariable() instanceof IdentifierTree && variable != null
        && variable.getKind() != ElementKind.FIELD && !assigns(tree.getExpression(), variable)) {
      // a local cannot change while the coroutine is suspended
      return lowering.splicer.splice(path, Map.of(tree.getExpression(), lower(value)), true);
    }
    // the array and index (or the object) are used twice, to read and to write: evaluate them once
    List<TreePath> targetOperands = targetOperands(target);
    Map<Tree, Code> targetCode = new HashMap<>();
    for (int i = 0; i < targetOperands.size(); i++) {
      TreePath operand = targetOperands.get(i);
      Code code = lower(operand);
      if (!isStable(operand, targetOperands.subList(i + 1, targetOperands.size()))
          || assigns(tree.getExpression(), lowering.trees.getElement(operand))) {
        code = spill(code, lowering.typeOf(operand));
      }
      targetCode.put(operand.getLeaf(), code);
    }
    Code lvalue = lowering.splicer.splice(target, targetCode, true);
    TypeMirror type = lowering.typeOf(target);
    Local saved = lowering.temporary("old", type);
    lowering.emitter.declare(saved, lvalue);
    Code right = lower(value);
    return Code.builder().add(lvalue).add(" = (").type(type).add(") (").local(saved)
        .add(" " + operator(tree.getKind()) + " ").add(right).add(")").build();
  }

  /** The subexpressions of an assignment target that are evaluated before the right side. */
  private List<TreePath> targetOperands(TreePath target) {
    Tree tree = target.getLeaf();
    if (tree instanceof ArrayAccessTree a) {
      return List.of(new TreePath(target, a.getExpression()), new TreePath(target, a.getIndex()));
    }
    if (tree instanceof MemberSelectTree m && isValue(new TreePath(target, m.getExpression()))) {
      return List.of(new TreePath(target, m.getExpression()));
    }
    if (tree instanceof ParenthesizedTree p) {
      return targetOperands(new TreePath(target, p.getExpression()));
    }
    return List.of();
  }

  /** The operands of an expression, in the order Java evaluates them. */
  private List<TreePath> operands(TreePath path) {
    Tree tree = path.getLeaf();
    List<TreePath> out = new ArrayList<>();
    if (tree instanceof MethodInvocationTree call) {
      if (call.getMethodSelect() instanceof MemberSelectTree select) {
        TreePath selectPath = new TreePath(path, select);
        TreePath receiver = new TreePath(selectPath, select.getExpression());
        if (isValue(receiver)) {
          out.add(receiver);
        }
      }
      call.getArguments().forEach(a -> out.add(new TreePath(path, a)));
    } else if (tree instanceof NewClassTree n) {
      if (n.getEnclosingExpression() != null) {
        out.add(new TreePath(path, n.getEnclosingExpression()));
      }
      n.getArguments().forEach(a -> out.add(new TreePath(path, a)));
    } else if (tree instanceof NewArrayTree n) {
      n.getDimensions().forEach(d -> out.add(new TreePath(path, d)));
      if (n.getInitializers() != null) {
        n.getInitializers().forEach(i -> out.add(new TreePath(path, i)));
      }
    } else if (tree instanceof ArrayAccessTree a) {
      out.add(new TreePath(path, a.getExpression()));
      out.add(new TreePath(path, a.getIndex()));
    } else if (tree instanceof MemberSelectTree m) {
      out.add(new TreePath(path, m.getExpression()));
    } else if (tree instanceof BinaryTree b) {
      out.add(new TreePath(path, b.getLeftOperand()));
      out.add(new TreePath(path, b.getRightOperand()));
    } else if (tree instanceof UnaryTree u) {
      out.add(new TreePath(path, u.getExpression()));
    } else if (tree instanceof TypeCastTree c) {
      out.add(new TreePath(path, c.getExpression()));
    } else if (tree instanceof InstanceOfTree i) {
      out.add(new TreePath(path, i.getExpression()));
    } else if (tree instanceof ParenthesizedTree p) {
      out.add(new TreePath(path, p.getExpression()));
    } else if (tree instanceof MemberReferenceTree r) {
      out.add(new TreePath(path, r.getQualifierExpression()));
    } else {
      throw new UnsupportedConstruct(tree,
          "[CoroutineUnsupported] await inside a " + tree.getKind().toString().toLowerCase().replace('_', ' ')
              + " expression is not supported; assign the awaited value to a local first");
    }
    return out;
  }

  private Code spliceWithOperands(TreePath path, List<TreePath> operands) {
    return lowering.splicer.splice(path, lowerOperands(operands), true);
  }

  /**
   * Lowers operands left to right. Those before the last operand that awaits are spilled into
   * temporaries unless their value cannot change meanwhile (literals, {@code this}, locals the
   * later operands do not assign).
   */
  private Map<Tree, Code> lowerOperands(List<TreePath> operands) {
    Map<Tree, Code> out = new HashMap<>();
    int last = -1;
    for (int i = 0; i < operands.size(); i++) {
      if (lowering.awaits.containsAwait(operands.get(i))) {
        last = i;
      }
    }
    for (int i = 0; i <= last; i++) {
      TreePath operand = operands.get(i);
      Code code = lower(operand);
      if (i < last && !isStable(operand, operands.subList(i + 1, last + 1))) {
        code = spill(code, lowering.typeOf(operand));
      }
      out.put(operand.getLeaf(), code);
    }
    return out;
  }

  private Code spill(Code code, TypeMirror type) {
    Local temporary = lowering.temporary("t", type);
    lowering.emitter.declare(temporary, code);
    return Code.local(temporary);
  }

  private boolean isStable(TreePath operand, List<TreePath> later) {
    Tree tree = operand.getLeaf();
    while (tree instanceof ParenthesizedTree p) {
      tree = p.getExpression();
    }
    if (tree instanceof LiteralTree) {
      return true;
    }
    if (tree instanceof IdentifierTree id) {
      if (id.getName().contentEquals("this")) {
        return true;
      }
      Element element = lowering.trees.getElement(operand);
      if (element == null || element.getKind() == ElementKind.FIELD || element.getKind() == ElementKind.ENUM_CONSTANT) {
        return false;
      }
      for (TreePath p : later) {
        if (assigns(p.getLeaf(), element)) {
          return false;
        }
      }
      return true;
    }
    return tree instanceof MemberSelectTree m && m.getIdentifier().contentEquals("class");
  }

  /** True when {@code tree} assigns {@code variable} (=, op=, ++, --). */
  private boolean assigns(Tree tree, Element variable) {
    if (variable == null) {
      return false;
    }
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      private void check(Tree target) {
        if (target instanceof IdentifierTree id && id.getName().contentEquals(variable.getSimpleName())) {
          found[0] = true;
        }
      }

      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        check(node.getVariable());
        return super.visitAssignment(node, unused);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        check(node.getVariable());
        return super.visitCompoundAssignment(node, unused);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        switch (node.getKind()) {
          case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> check(node.getExpression());
          default -> { }
        }
        return super.visitUnary(node, unused);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** True when the expression at {@code path} is a value (not a type, package or {@code super}). */
  private boolean isValue(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof IdentifierTree id && id.getName().contentEquals("super")) {
      return false;
    }
    if (tree instanceof MemberSelectTree m && m.getIdentifier().contentEquals("super")) {
      return false;
    }
    Element element = lowering.trees.getElement(path);
    return !(element instanceof TypeElement) && !(element instanceof PackageElement);
  }

  private static String operator(Tree.Kind kind) {
    return switch (kind) {
      case PLUS_ASSIGNMENT -> "+";
      case MINUS_ASSIGNMENT -> "-";
      case MULTIPLY_ASSIGNMENT -> "*";
      case DIVIDE_ASSIGNMENT -> "/";
      case REMAINDER_ASSIGNMENT -> "%";
      case LEFT_SHIFT_ASSIGNMENT -> "<<";
      case RIGHT_SHIFT_ASSIGNMENT -> ">>";
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>";
      case AND_ASSIGNMENT -> "&";
      case OR_ASSIGNMENT -> "|";
      case XOR_ASSIGNMENT -> "^";
      default -> throw new IllegalArgumentException(kind.toString());
    };
  }
}
