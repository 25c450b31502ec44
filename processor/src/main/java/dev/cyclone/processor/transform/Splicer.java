package dev.cyclone.processor.transform;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.cyclone.processor.model.Code;
import dev.cyclone.processor.model.Local;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Copies a piece of the user's source into generated code, exactly as written, except where the
 * generated class needs another spelling:
 *
 * <ul>
 *   <li>managed locals become {@link Code.LocalRef}s (their final name and form are the writer's);
 *   <li>types become {@link Code.ClassRef}s, so the generated file imports them, and statically
 *       imported members are qualified with their class;
 *   <li>{@code this}, {@code super} and {@code Foo.this} name the generated class;
 *   <li>{@code return}, and {@code break}/{@code continue} that leave the copied code, become the
 *       state machine's completion and jumps;
 *   <li>chosen subtrees are replaced by code the lowering computed (spilled operands, awaits).
 * </ul>
 */
final class Splicer {
  private static final Set<ElementKind> VARIABLES =
      Set.of(
          ElementKind.LOCAL_VARIABLE,
          ElementKind.PARAMETER,
          ElementKind.EXCEPTION_PARAMETER,
          ElementKind.RESOURCE_VARIABLE,
          ElementKind.BINDING_VARIABLE);

  private final Trees trees;
  private final SourcePositions positions;
  private final CompilationUnitTree unit;
  private final CharSequence source;
  private final SpliceContext context;

  Splicer(Trees trees, CompilationUnitTree unit, CharSequence source, SpliceContext context) {
    this.trees = trees;
    this.positions = trees.getSourcePositions();
    this.unit = unit;
    this.source = source;
    this.context = context;
  }

  /** The source text of a tree, unchanged. */
  String text(Tree tree) {
    return source.subSequence(start(tree), end(tree)).toString();
  }

  /** The copy of the tree at {@code path}. */
  Code splice(TreePath path) {
    return splice(path, Map.of(), false);
  }

  /**
   * The copy of the tree at {@code path}, with {@code replacements} standing for some of its
   * subtrees. With {@code hoistBindings}, pattern variables bound here become managed locals.
   */
  Code splice(TreePath path, Map<Tree, Code> replacements, boolean hoistBindings) {
    Tree root = path.getLeaf();
    if (replacements.containsKey(root)) {
      return replacements.get(root);
    }
    List<Edit> edits = new ArrayList<>();
    new Scanner(root, replacements, hoistBindings, edits).scan(path, null);
    edits.sort(Comparator.comparingInt(Edit::start));
    Code.Builder out = Code.builder();
    int at = start(root);
    int column = column(at);
    for (Edit e : edits) {
      if (e.start < at) {
        continue; // nested inside an edit already made
      }
      out.add(dedent(source.subSequence(at, e.start).toString(), column));
      out.add(e.code);
      at = e.end;
    }
    out.add(dedent(source.subSequence(at, end(root)).toString(), column));
    return out.build();
  }

  /** The indentation of the line on which {@code position} stands. */
  private int column(int position) {
    int lineStart = position;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    int c = 0;
    while (lineStart + c < position && source.charAt(lineStart + c) == ' ') {
      c++;
    }
    return c;
  }

  /** Removes the statement's own indentation from its continuation lines. */
  private static String dedent(String text, int column) {
    if (column == 0 || text.indexOf('\n') < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      sb.append(ch);
      i++;
      if (ch == '\n') {
        int skipped = 0;
        while (i < text.length() && skipped < column && text.charAt(i) == ' ') {
          i++;
          skipped++;
        }
      }
    }
    return sb.toString();
  }

  int start(Tree tree) {
    return (int) positions.getStartPosition(unit, tree);
  }

  int end(Tree tree) {
    return (int) positions.getEndPosition(unit, tree);
  }

  /** The 1-based source line of a tree, for comments. */
  long line(Tree tree) {
    return unit.getLineMap().getLineNumber(start(tree));
  }

  private record Edit(int start, int end, Code code) {}

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final Tree root;
    private final Map<Tree, Code> replacements;
    private final boolean hoistBindings;
    private final List<Edit> edits;
    private int lambdaDepth;
    private int classDepth;

    Scanner(Tree root, Map<Tree, Code> replacements, boolean hoistBindings, List<Edit> edits) {
      this.root = root;
      this.replacements = replacements;
      this.hoistBindings = hoistBindings;
      this.edits = edits;
    }

    private void replace(Tree tree, Code code) {
      edits.add(new Edit(start(tree), end(tree), code));
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      if (tree != null && tree != root && replacements.containsKey(tree)) {
        replace(tree, replacements.get(tree));
        return null;
      }
      return super.scan(tree, unused);
    }

    private Code nested(Tree child) {
      return splice(new TreePath(getCurrentPath(), child), replacements, hoistBindings && classDepth == 0 && lambdaDepth == 0);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
      lambdaDepth++;
      try {
        return super.visitLambdaExpression(node, unused);
      } finally {
        lambdaDepth--;
      }
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      classDepth++;
      try {
        return super.visitClass(node, unused);
      } finally {
        classDepth--;
      }
    }

    private boolean captured() {
      return lambdaDepth > 0 || classDepth > 0;
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      String name = node.getName().toString();
      if (name.equals("this") || name.equals("super")) {
        if (classDepth == 0) {
          replace(node, Code.of(context.generatedName() + "." + name));
        }
        return null;
      }
      Element element = trees.getElement(getCurrentPath());
      if (element == null) {
        return null;
      }
      if (VARIABLES.contains(element.getKind())) {
        Local local = context.localFor(element);
        if (local != null) {
          replace(node, Code.builder().add(new Code.LocalRef(local, captured())).build());
        }
        return null;
      }
      if (element instanceof TypeElement type) {
        if (type.getNestingKind() != NestingKind.LOCAL && type.getNestingKind() != NestingKind.ANONYMOUS) {
          replace(node, Code.builder().add(new Code.ClassRef(type)).build());
        }
        return null;
      }
      if (element.getKind() == ElementKind.FIELD
          || element.getKind() == ElementKind.ENUM_CONSTANT
          || element.getKind() == ElementKind.METHOD) {
        memberIdentifier(node, element);
      }
      return null;
    }

    private void memberIdentifier(IdentifierTree node, Element member) {
      Element owner = member.getEnclosingElement();
      if (owner instanceof TypeElement t
          && (t.getNestingKind() == NestingKind.LOCAL || t.getNestingKind() == NestingKind.ANONYMOUS)) {
        return;
      }
      boolean isStatic = member.getModifiers().contains(Modifier.STATIC);
      boolean isMethod = member.getKind() == ElementKind.METHOD;
      if (context.isMemberOfUserClass(member)) {
        boolean fromObject =
            owner instanceof TypeElement t && t.getQualifiedName().contentEquals("java.lang.Object");
        if (classDepth > 0 && fromObject) {
          return;
        }
        replace(node, Code.builder().add(new Code.MemberRef(node.getName().toString(), isMethod, isStatic)).build());
      } else if (isStatic && owner instanceof TypeElement type) {
        replace(
            node,
            Code.builder().add(new Code.ClassRef(type)).add("." + node.getName()).build());
      }
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      if (classDepth == 0 && node.getMethodSelect() instanceof MemberSelectTree select
          && select.getExpression() instanceof IdentifierTree receiver
          && receiver.getName().contentEquals("super")
          && trees.getElement(getCurrentPath()) instanceof ExecutableElement method) {
        List<Code> arguments = new ArrayList<>();
        for (Tree argument : node.getArguments()) {
          arguments.add(nested(argument));
        }
        Code call = context.superCall(method, trees.getTypeMirror(getCurrentPath()), arguments);
        if (call != null) {
          replace(node, call);
          return null;
        }
      }
      return super.visitMethodInvocation(node, unused);
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void unused) {
      String name = node.getIdentifier().toString();
      Element qualifier = trees.getElement(new TreePath(getCurrentPath(), node.getExpression()));
      if (name.equals("this") && qualifier != null && context.isUserClass(qualifier)) {
        replace(node, Code.of(context.generatedName() + ".this"));
        return null;
      }
      if (qualifier != null && context.isUserClass(qualifier)) {
        Element member = trees.getElement(getCurrentPath());
        if (member instanceof ExecutableElement method && context.isStaticCoroutine(method)) {
          replace(node.getExpression(), Code.of(context.generatedName()));
          return null;
        }
      }
      return super.visitMemberSelect(node, unused);
    }

    @Override
    public Void visitInstanceOf(InstanceOfTree node, Void unused) {
      Tree pattern = node.getPattern();
      if (hoistBindings && classDepth == 0 && lambdaDepth == 0 && pattern != null
          && !(pattern instanceof BindingPatternTree)) {
        throw new UnsupportedConstruct(node, "[CoroutineRecordPattern] a record pattern (Java 21) in"
            + " a condition next to an await binds variables the state machine cannot hold; match"
            + " the record itself (o instanceof Rect r) and read its components (r.w())");
      }
      if (hoistBindings && classDepth == 0 && lambdaDepth == 0 && pattern instanceof BindingPatternTree binding) {
        VariableElement variable =
            (VariableElement) trees.getElement(new TreePath(new TreePath(getCurrentPath(), binding), binding.getVariable()));
        if (variable != null) {
          Local local = context.hoistBinding(variable);
          String temp = local.name() + "$p";
          Code expression = nested(node.getExpression());
          Code type = nested(binding.getVariable().getType());
          replace(
              node,
              Code.builder()
                  .add("(")
                  .add(expression)
                  .add(" instanceof ")
                  .add(type)
                  .add(" " + temp + " && (")
                  .add(new Code.LocalRef(local, false))
                  .add(" = " + temp + ") == " + temp + ")")
                  .build());
          return null;
        }
      }
      return super.visitInstanceOf(node, unused);
    }

    @Override
    public Void visitReturn(ReturnTree node, Void unused) {
      if (lambdaDepth > 0 || classDepth > 0) {
        return super.visitReturn(node, unused);
      }
      Code value = node.getExpression() == null ? Code.of("null") : nested(node.getExpression());
      replace(node, context.returnCode(node.getExpression(), value, insideCopiedFinally()));
      return null;
    }

    /** True when a try with a finally (or resources) between the root and here encloses the node. */
    private boolean insideCopiedFinally() {
      if (getCurrentPath().getLeaf() == root) {
        return false;
      }
      for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
        if (p.getLeaf() instanceof TryTree t
            && (t.getFinallyBlock() != null || !t.getResources().isEmpty())) {
          return true;
        }
        if (p.getLeaf() == root) {
          return false;
        }
      }
      return false;
    }

    @Override
    public Void visitYield(YieldTree node, Void unused) {
      if (lambdaDepth > 0 || classDepth > 0) {
        return super.visitYield(node, unused);
      }
      boolean passedRoot = getCurrentPath().getLeaf() == root;
      for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
        if (p.getLeaf() instanceof SwitchExpressionTree target) {
          if (passedRoot) {
            Code code = context.yieldCode(target, nested(node.getValue()));
            if (code != null) {
              replace(node, code);
              return null;
            }
          }
          return super.visitYield(node, unused);
        }
        if (p.getLeaf() == root) {
          passedRoot = true;
        }
      }
      return super.visitYield(node, unused);
    }

    @Override
    public Void visitBreak(BreakTree node, Void unused) {
      exit(node, node.getLabel() == null ? null : node.getLabel().toString(), false);
      return null;
    }

    @Override
    public Void visitContinue(ContinueTree node, Void unused) {
      exit(node, node.getLabel() == null ? null : node.getLabel().toString(), true);
      return null;
    }

    private void exit(Tree node, String label, boolean isContinue) {
      if (lambdaDepth > 0 || classDepth > 0) {
        return;
      }
      boolean passedRoot = getCurrentPath().getLeaf() == root;
      for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
        Tree t = p.getLeaf();
        boolean isTarget =
            label == null
                ? isLoop(t) || (!isContinue && t instanceof SwitchTree)
                : t instanceof LabeledStatementTree l && l.getLabel().contentEquals(label);
        if (isTarget) {
          if (!passedRoot) {
            return; // the target is copied too: the jump stays as written
          }
          Tree target = t;
          if (isContinue && t instanceof LabeledStatementTree l) {
            target = l.getStatement();
          }
          Code code = context.exitCode(target, isContinue);
          if (code != null) {
            replace(node, code);
          }
          return;
        }
        if (t == root) {
          passedRoot = true;
        }
      }
    }
  }

  static boolean isLoop(Tree t) {
    return t instanceof WhileLoopTree
        || t instanceof DoWhileLoopTree
        || t instanceof ForLoopTree
        || t instanceof EnhancedForLoopTree;
  }

}
