package dev.cyclone.processor.transform;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.cyclone.processor.model.Code;
import dev.cyclone.processor.model.Local;
import dev.cyclone.processor.model.Region;
import dev.cyclone.processor.model.StateMachine;
import dev.cyclone.processor.model.SuperCall;
import dev.cyclone.processor.model.Where;
import dev.cyclone.processor.transform.Frames.Breakable;
import dev.cyclone.processor.transform.Frames.Exit;
import dev.cyclone.processor.transform.Frames.Finally;
import dev.cyclone.processor.transform.Frames.Frame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Lowers the statements of one {@code @Coroutine} body into states (the compiler proper). Each
 * statement that contains an {@code await} is taken apart: its expressions by {@link
 * ExpressionLowering}, its control flow into jumps between states, its try blocks into regions of
 * the exception table. Statements without an await are copied as they are by the {@link Splicer}.
 */
public final class Lowering implements SpliceContext {
  final Trees trees;
  final Types types;
  final Elements elements;
  final Awaits awaits;
  final Denotable denotable;
  final Splicer splicer;
  final Emitter emitter = new Emitter();
  final ExpressionLowering expressions;

  private final TypeElement userClass;
  /** The class that declares the method: the user's class, or a superclass it inherits it from. */
  private final TypeElement declaringClass;
  private final String generatedName;
  private final ExecutableElement method;
  private final TreePath methodPath;
  private final Set<ExecutableElement> staticCoroutines;
  private final String fileName;

  private final Map<Element, Local> locals = new HashMap<>();
  private final List<Local> localList = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final Deque<Frame> frames = new ArrayDeque<>();
  /** The managed locals declared in each enclosing block, cleared when the block ends. */
  private final Deque<List<Local>> scopes = new ArrayDeque<>();
  private Local returnValue;
  private int returnState = -1;

  private Lowering(
      ProcessingEnvironment env,
      Trees trees,
      TypeElement userClass,
      String generatedName,
      ExecutableElement method,
      Set<ExecutableElement> staticCoroutines) {
    this.trees = trees;
    this.types = env.getTypeUtils();
    this.elements = env.getElementUtils();
    this.awaits = new Awaits(trees);
    this.denotable = new Denotable(types, elements);
    this.userClass = userClass;
    this.declaringClass = (TypeElement) method.getEnclosingElement();
    this.generatedName = generatedName;
    this.method = method;
    this.methodPath = trees.getPath(method);
    this.staticCoroutines = staticCoroutines;
    CompilationUnitTree unit = methodPath.getCompilationUnit();
    CharSequence source;
    try {
      source = unit.getSourceFile().getCharContent(true);
    } catch (java.io.IOException e) {
      throw new UnsupportedConstruct(methodPath.getLeaf(), "[CoroutineSource] cannot read the source of " + method + ": " + e);
    }
    this.fileName = simpleFileName(unit);
    this.splicer = new Splicer(trees, unit, source, this);
    this.expressions = new ExpressionLowering(this);
  }

  /**
   * Lowers {@code method}'s body into a state machine named {@code className}.
   *
   * @throws UnsupportedConstruct for code the compiler cannot handle, with the tree to blame
   */
  public static StateMachine lower(
      ProcessingEnvironment env,
      Trees trees,
      TypeElement userClass,
      String generatedName,
      ExecutableElement method,
      Set<ExecutableElement> staticCoroutines,
      String className,
      TypeMirror resultType) {
    Lowering lowering = new Lowering(env, trees, userClass, generatedName, method, staticCoroutines);
    return lowering.run(className, resultType);
  }

  private StateMachine run(String className, TypeMirror resultType) {
    MethodTree tree = (MethodTree) methodPath.getLeaf();
    for (VariableElement parameter : method.getParameters()) {
      Local local = newLocal(parameter.getSimpleName().toString(), parameter.asType(), Local.Kind.PARAMETER, false);
      locals.put(parameter, local);
    }
    emitter.start(emitter.newState(), -1,
        new Where(fileName, splicer.line(tree.getBody()), "start of " + method.getSimpleName() + "()", ""));
    TreePath body = new TreePath(methodPath, tree.getBody());
    lowerStatement(body);
    if (!emitter.isTerminated()) {
      emitter.terminate(Code.of("return$(null);\nreturn;"));
    }
    if (returnState >= 0) {
      emitter.start(returnState, -1, Where.generated("the return of a copied try with a finally, after that finally ran"));
      emitter.terminate(Code.builder().add("returnFrom$(").local(returnValue).add(");\nreturn;").build());
    }
    return new StateMachine(className, resultType, List.copyOf(localList), emitter.finish(), emitter.regions(),
        List.copyOf(superCalls), List.copyOf(localTypes.values()));
  }

  // ---------------------------------------------------------------- statements

  void lowerStatement(TreePath path) {
    Tree tree = path.getLeaf();
    if (!needsLowering(path)) {
      emitCopy(path);
      return;
    }
    switch (tree.getKind()) {
      case BLOCK -> {
        scopes.push(new ArrayList<>());
        for (StatementTree s : ((BlockTree) tree).getStatements()) {
          lowerStatement(new TreePath(path, s));
        }
        for (Local local : scopes.pop()) {
          if (!local.type().getKind().isPrimitive() && path.getParentPath().getLeaf() != methodPath.getLeaf()) {
            emitter.clear(local);
          }
        }
      }
      case VARIABLE -> lowerVariable(path);
      case EXPRESSION_STATEMENT -> {
        TreePath expression = new TreePath(path, ((ExpressionStatementTree) tree).getExpression());
        emitter.emit(Code.builder().add(expressions.lowerStatementExpression(expression)).add(";").build());
      }
      case IF -> lowerIf(path);
      case WHILE_LOOP -> lowerWhile(path, null);
      case DO_WHILE_LOOP -> lowerDoWhile(path, null);
      case FOR_LOOP -> lowerFor(path, null);
      case ENHANCED_FOR_LOOP -> lowerForEach(path, null);
      case LABELED_STATEMENT -> lowerLabeled(path);
      case SWITCH -> lowerSwitch(path);
      case TRY -> lowerTry(path);
      case RETURN -> {
        ReturnTree r = (ReturnTree) tree;
        TreePath value = r.getExpression() == null ? null : new TreePath(path, r.getExpression());
        Code code = value == null ? Code.of("null") : expressions.lower(value);
        emitter.terminate(returnCode(r.getExpression(), code, false));
      }
      case YIELD -> {
        YieldTree yield = (YieldTree) tree;
        Tree target = enclosingSwitchExpression(path);
        Code value = expressions.lower(new TreePath(path, yield.getValue()));
        emitter.terminate(yieldCode(target, value));
      }
      case THROW -> {
        TreePath value = new TreePath(path, ((ThrowTree) tree).getExpression());
        emitter.terminate(Code.builder().add("throw ").add(expressions.lower(value)).add(";").build());
      }
      case SYNCHRONIZED -> throw new UnsupportedConstruct(tree,
          "[AwaitInSynchronized] await inside a synchronized block would release the lock while the"
              + " coroutine is suspended; await outside the block, or use dev.cyclone.locks.Lock");
      case CLASS, RECORD, ENUM, INTERFACE -> hoistLocalType(path);
      default -> throw new UnsupportedConstruct(tree,
          "[CoroutineUnsupported] await inside a " + tree.getKind().toString().toLowerCase().replace('_', ' ')
              + " statement is not supported; move the await to its own statement");
    }
  }

  /**
   * A class, record, enum or interface declared in the body: written before the state machine in
   * the method that starts it (see {@link StateMachine#localTypes()}), where the machine's fields
   * can name it. A local class that reads the coroutine's locals cannot go there, since those live
   * in the state machine: that is an error with the way around it.
   */
  private void hoistLocalType(TreePath path) {
    ClassTree tree = (ClassTree) path.getLeaf();
    String name = tree.getSimpleName().toString();
    if (localTypes.containsKey(name)) {
      throw new UnsupportedConstruct(tree, "[CoroutineLocalTypeName] " + method.getSimpleName()
          + "() declares two local types named " + name + "; a @Coroutine body's local types share"
          + " one scope in the generated code, so give them different names");
    }
    Code declaration = splicer.splice(path);
    List<Local> captured = declaration.capturedLocals();
    if (!captured.isEmpty()) {
      throw new UnsupportedConstruct(tree, "[CoroutineLocalClassCapture] local class " + name
          + " reads the local variable " + captured.get(0).name() + " of @Coroutine "
          + method.getSimpleName() + "(), whose locals live in the generated state machine; pass "
          + captured.get(0).name() + " to " + name + "'s constructor instead, or make " + name
          + " a member class");
    }
    localTypes.put(name, declaration);
  }

  private boolean needsLowering(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree instanceof VariableTree) {
      return true;
    }
    if (tree instanceof ClassTree) {
      return true;
    }
    if (awaits.containsAwait(path)) {
      return true;
    }
    // A pattern variable bound in a condition may be used after the statement (flow scoping): lower
    // the statement so the variable becomes a managed local.
    ExpressionTree condition = switch (tree.getKind()) {
      case IF -> ((IfTree) tree).getCondition();
      case WHILE_LOOP -> ((WhileLoopTree) tree).getCondition();
      default -> null;
    };
    return condition != null && bindsPattern(condition);
  }

  private static boolean bindsPattern(Tree tree) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitInstanceOf(InstanceOfTree node, Void unused) {
        found[0] |= node.getPattern() != null;
        return super.visitInstanceOf(node, unused);
      }
    }.scan(tree, null);
    return found[0];
  }

  /** Copies a statement without awaits, keeping javac's view of whether code may follow it. */
  private void emitCopy(TreePath path) {
    Tree tree = path.getLeaf();
    if (tree.getKind() == Tree.Kind.EMPTY_STATEMENT) {
      return;
    }
    Code code = splicer.splice(path);
    switch (Completion.of(tree)) {
      case YES -> emitter.emit(code);
      case NO -> emitter.terminate(code);
      case MAYBE -> emitter.emit(Code.builder().add("if (true) {\n").add(code).add("\n}").build());
    }
  }

  private void lowerVariable(TreePath path) {
    VariableTree tree = (VariableTree) path.getLeaf();
    VariableElement variable = (VariableElement) trees.getElement(path);
    TypeMirror type = writableType(variable.asType(), tree, "local variable " + tree.getName());
    Local local = newLocal(tree.getName().toString(), type, Local.Kind.LOCAL,
        variable.getModifiers().contains(Modifier.FINAL));
    locals.put(variable, local);
    ExpressionTree init = tree.getInitializer();
    if (init == null) {
      emitter.declare(local, null);
      return;
    }
    TreePath initPath = new TreePath(path, init);
    Code code;
    if (init instanceof NewArrayTree array && array.getType() == null) {
      code = Code.builder().add("new ").type(type).add(" ").add(splicer.splice(initPath, Map.of(), true)).build();
      if (awaits.containsAwait(initPath)) {
        code = Code.builder().add("new ").type(type).add(" ").add(expressions.lower(initPath)).build();
      }
    } else if (awaits.isAwait(initPath) && !isVar(tree)) {
      code = expressions.lowerAwaitForTarget(initPath);
    } else {
      code = expressions.lower(initPath);
    }
    emitter.declare(local, code);
  }

  /** True for {@code var x = ...}: javac gives the inferred type a tree without source positions. */
  private boolean isVar(VariableTree tree) {
    return tree.getType() == null || splicer.start(tree.getType()) < 0 || splicer.end(tree.getType()) < 0
        || splicer.text(tree.getType()).equals("var");
  }

  private void lowerIf(TreePath path) {
    IfTree tree = (IfTree) path.getLeaf();
    Code condition = expressions.lower(new TreePath(path, tree.getCondition()));
    TreePath then = new TreePath(path, tree.getThenStatement());
    TreePath otherwise = tree.getElseStatement() == null ? null : new TreePath(path, tree.getElseStatement());
    boolean split = awaits.containsAwait(then) || (otherwise != null && awaits.containsAwait(otherwise));
    if (!split) {
      Code.Builder code = Code.builder().add("if (").add(condition).add(") ").add(splicer.splice(then));
      if (otherwise != null) {
        code.add(" else ").add(splicer.splice(otherwise));
      }
      Completion completion = otherwise == null ? Completion.YES
          : Completion.of(tree);
      switch (completion) {
        case YES -> emitter.emit(code.build());
        case NO -> emitter.terminate(code.build());
        case MAYBE -> emitter.emit(Code.builder().add("if (true) {\n").add(code.build()).add("\n}").build());
      }
      return;
    }
    int after = emitter.newState();
    int elseState = otherwise == null ? after : emitter.newState();
    emitter.emit(Code.builder().add("if (!(").add(condition).add(")) ").add(Emitter.jumpText(elseState)).build());
    lowerStatement(then);
    if (otherwise != null) {
      if (!emitter.isTerminated()) {
        emitter.jump(after);
      }
      emitter.start(elseState, comment(tree.getElseStatement(), "else"));
      lowerStatement(otherwise);
    }
    emitter.start(after, comment(tree, "after if"));
  }

  private void lowerWhile(TreePath path, LabeledStatementTree label) {
    WhileLoopTree tree = (WhileLoopTree) path.getLeaf();
    int head = emitter.newState();
    int after = emitter.newState();
    emitter.start(head, comment(tree, "while condition"));
    Code condition = expressions.lower(new TreePath(path, tree.getCondition()));
    emitter.emit(Code.builder().add("if (!(").add(condition).add(")) ").add(Emitter.jumpText(after)).build());
    frames.push(new Breakable(tree, label, after, head));
    lowerStatement(new TreePath(path, tree.getStatement()));
    frames.pop();
    if (!emitter.isTerminated()) {
      emitter.jump(head);
    }
    emitter.start(after, comment(tree, "after while"));
  }

  private void lowerDoWhile(TreePath path, LabeledStatementTree label) {
    DoWhileLoopTree tree = (DoWhileLoopTree) path.getLeaf();
    int body = emitter.newState();
    int condition = emitter.newState();
    int after = emitter.newState();
    emitter.start(body, comment(tree, "do body"));
    frames.push(new Breakable(tree, label, after, condition));
    lowerStatement(new TreePath(path, tree.getStatement()));
    frames.pop();
    emitter.start(condition, comment(tree.getCondition(), "do-while condition"));
    Code test = expressions.lower(new TreePath(path, tree.getCondition()));
    emitter.emit(Code.builder().add("if (").add(test).add(") ").add(Emitter.jumpText(body)).build());
    emitter.start(after, comment(tree, "after do-while"));
  }

  private void lowerFor(TreePath path, LabeledStatementTree label) {
    ForLoopTree tree = (ForLoopTree) path.getLeaf();
    for (StatementTree init : tree.getInitializer()) {
      lowerStatement(new TreePath(path, init));
    }
    int head = emitter.newState();
    int update = emitter.newState();
    int after = emitter.newState();
    emitter.start(head, comment(tree, "for condition"));
    if (tree.getCondition() != null) {
      Code condition = expressions.lower(new TreePath(path, tree.getCondition()));
      emitter.emit(Code.builder().add("if (!(").add(condition).add(")) ").add(Emitter.jumpText(after)).build());
    }
    frames.push(new Breakable(tree, label, after, update));
    lowerStatement(new TreePath(path, tree.getStatement()));
    frames.pop();
    emitter.start(update, comment(tree, "for update"));
    for (ExpressionStatementTree step : tree.getUpdate()) {
      // an update is written without its semicolon
      TreePath expression = new TreePath(new TreePath(path, step), step.getExpression());
      emitter.emit(Code.builder().add(expressions.lowerStatementExpression(expression)).add(";").build());
    }
    emitter.jump(head);
    emitter.start(after, comment(tree, "after for"));
  }

  private void lowerForEach(TreePath path, LabeledStatementTree label) {
    EnhancedForLoopTree tree = (EnhancedForLoopTree) path.getLeaf();
    TreePath iterablePath = new TreePath(path, tree.getExpression());
    Code iterable = expressions.lower(iterablePath);
    TypeMirror iterableType = typeOf(iterablePath);
    TreePath variablePath = new TreePath(path, tree.getVariable());
    VariableElement variable = (VariableElement) trees.getElement(variablePath);
    TypeMirror variableType = writableType(variable.asType(), tree.getVariable(), "loop variable " + variable);
    int head = emitter.newState();
    int update = emitter.newState();
    int after = emitter.newState();
    Code next;
    Code step;
    Code test;
    if (iterableType.getKind() == TypeKind.ARRAY) {
      Local array = temporary("array", iterableType);
      Local index = temporary("index", types.getPrimitiveType(TypeKind.INT));
      emitter.declare(array, iterable);
      emitter.declare(index, Code.of("0"));
      test = Code.builder().local(index).add(" < ").local(array).add(".length").build();
      next = Code.builder().local(array).add("[").local(index).add("]").build();
      step = Code.builder().local(index).add("++;").build();
    } else {
      TypeMirror iteratorType = types.getDeclaredType(
          elements.getTypeElement("java.util.Iterator"), types.getWildcardType(null, null));
      Local iterator = temporary("iterator", iteratorType);
      emitter.declare(iterator, Code.builder().add(iterable).add(".iterator()").build());
      test = Code.builder().local(iterator).add(".hasNext()").build();
      next = Code.builder().add("(").type(variableType).add(") ").local(iterator).add(".next()").build();
      step = null;
    }
    emitter.start(head, comment(tree, "for-each next element"));
    emitter.emit(Code.builder().add("if (!(").add(test).add(")) ").add(Emitter.jumpText(after)).build());
    Local local = newLocal(variable.getSimpleName().toString(), variableType, Local.Kind.LOCAL,
        variable.getModifiers().contains(Modifier.FINAL));
    locals.put(variable, local);
    emitter.declare(local, next);
    frames.push(new Breakable(tree, label, after, update));
    lowerStatement(new TreePath(path, tree.getStatement()));
    frames.pop();
    emitter.start(update, comment(tree, "for-each step"));
    if (step != null) {
      emitter.emit(step);
    }
    emitter.jump(head);
    emitter.start(after, comment(tree, "after for-each"));
  }

  private void lowerLabeled(TreePath path) {
    LabeledStatementTree tree = (LabeledStatementTree) path.getLeaf();
    TreePath inner = new TreePath(path, tree.getStatement());
    switch (tree.getStatement().getKind()) {
      case WHILE_LOOP -> lowerWhile(inner, tree);
      case DO_WHILE_LOOP -> lowerDoWhile(inner, tree);
      case FOR_LOOP -> lowerFor(inner, tree);
      case ENHANCED_FOR_LOOP -> lowerForEach(inner, tree);
      default -> {
        int after = emitter.newState();
        frames.push(new Breakable(tree.getStatement(), tree, after, -1));
        lowerStatement(inner);
        frames.pop();
        emitter.start(after, comment(tree, "after block " + tree.getLabel()));
      }
    }
  }

  private void lowerSwitch(TreePath path) {
    SwitchTree tree = (SwitchTree) path.getLeaf();
    int after = emitter.newState();
    frames.push(new Breakable(tree, null, after, -1));
    lowerCases(path, new TreePath(path, tree.getExpression()), tree.getCases(), after);
    frames.pop();
    emitter.start(after, comment(tree, "after switch"));
  }

  /**
   * The cases of a switch statement or expression: a Java switch on the selector's value that jumps
   * to one state per case, then the cases' code (old-style groups fall through into the next).
   */
  void lowerCases(TreePath path, TreePath selectorPath, List<? extends CaseTree> cases, int after) {
    for (CaseTree c : cases) {
      if (PatternLabels.has(c)) {
        throw new UnsupportedConstruct(c, "[CoroutinePatternSwitch] a switch with pattern or null"
            + " labels (Java 21) cannot have awaits in its selector, guards or arms in a @Coroutine"
            + " body; await into a local before the switch, and have the arms compute values that"
            + " you await after it");
      }
    }
    Code selector = expressions.lower(selectorPath);
    TypeMirror selectorType = typeOf(selectorPath);
    Local value = temporary("switch", selectorType);
    emitter.declare(value, selector);
    int[] targets = new int[cases.size()];
    Code.Builder dispatch = Code.builder().add("switch (").local(value).add(") {\n");
    boolean hasDefault = false;
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      targets[i] = emitter.newState();
      if (c.getExpressions().isEmpty()) {
        hasDefault = true;
        dispatch.add("  default:");
      } else {
        dispatch.add("  case ");
        boolean first = true;
        for (ExpressionTree label : c.getExpressions()) {
          dispatch.add(first ? "" : ", ");
          first = false;
          if (isEnum(selectorType)) {
            dispatch.add(splicer.text(label));
          } else {
            dispatch.add(splicer.splice(new TreePath(new TreePath(path, c), label)));
          }
        }
        dispatch.add(":");
      }
      dispatch.add(" " + Emitter.jumpText(targets[i]) + "\n");
    }
    dispatch.add("}");
    if (hasDefault) {
      emitter.terminate(dispatch.build());
    } else {
      emitter.emit(dispatch.build());
      emitter.jump(after);
    }
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      TreePath casePath = new TreePath(path, c);
      // an old-style group that does not end in a jump falls through into the next one
      emitter.start(targets[i], comment(c, "case"));
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        Tree body = c.getBody();
        TreePath bodyPath = new TreePath(casePath, body);
        if (body instanceof ExpressionTree && path.getLeaf() instanceof SwitchExpressionTree) {
          // case X -> value: the value the switch expression yields
          emitter.terminate(yieldCode(path.getLeaf(), expressions.lower(bodyPath)));
        } else if (body instanceof ExpressionTree) {
          emitter.emit(Code.builder().add(expressions.lowerStatementExpression(bodyPath)).add(";").build());
        } else {
          lowerStatement(bodyPath);
        }
        if (!emitter.isTerminated()) {
          emitter.jump(after);
        }
      } else {
        for (StatementTree s : c.getStatements()) {
          lowerStatement(new TreePath(casePath, s));
        }
      }
    }
  }

  private boolean isEnum(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getKind() == javax.lang.model.element.ElementKind.ENUM;
  }

  // ---------------------------------------------------------------- try

  private void lowerTry(TreePath path) {
    TryTree tree = (TryTree) path.getLeaf();
    List<TreePath> catches = new ArrayList<>();
    for (CatchTree c : tree.getCatches()) {
      catches.add(new TreePath(path, c));
    }
    TreePath finallyPath = tree.getFinallyBlock() == null ? null : new TreePath(path, tree.getFinallyBlock());
    Runnable body = tree.getResources().isEmpty()
        ? () -> lowerStatement(new TreePath(path, tree.getBlock()))
        : () -> lowerResources(path, 0);
    lowerTry(tree, body, catches, finallyPath == null ? null : () -> lowerStatement(finallyPath), null);
  }

  /**
   * {@code try (R r = init; ...) body}: each resource is a try whose finally closes it, so that
   * resources close in reverse order, after the body, and a close failure is suppressed into the
   * exception that left the body (JLS 14.20.3.1).
   */
  private void lowerResources(TreePath tryPath, int index) {
    TryTree tree = (TryTree) tryPath.getLeaf();
    if (index == tree.getResources().size()) {
      lowerStatement(new TreePath(tryPath, tree.getBlock()));
      return;
    }
    Tree resource = tree.getResources().get(index);
    TreePath resourcePath = new TreePath(tryPath, resource);
    Local local;
    if (resource instanceof VariableTree) {
      lowerVariable(resourcePath);
      local = locals.get(trees.getElement(resourcePath));
    } else {
      local = temporary("resource", typeOf(resourcePath));
      emitter.declare(local, expressions.lower(resourcePath));
    }
    Local closing = local;
    lowerTry(resource, () -> lowerResources(tryPath, index + 1), List.of(), null, closing);
  }

  /**
   * The general try: {@code body} in a region whose handlers are {@code catches} and, when there is
   * finally code ({@code finallyBody}, or the closing of {@code resource}), a catch-all that runs it
   * with the exception pending.
   */
  private void lowerTry(Tree tree, Runnable body, List<TreePath> catches, Runnable finallyBody, Local resource) {
    boolean hasFinally = finallyBody != null || resource != null;
    int outer = emitter.region();
    int after = emitter.newState();
    int bodyState = emitter.newState();
    int[] catchStates = new int[catches.size()];
    for (int i = 0; i < catchStates.length; i++) {
      catchStates[i] = emitter.newState();
    }
    int finallyState = hasFinally ? emitter.newState() : -1;
    Local pending = null;
    Local branch = null;
    Finally frame = null;
    if (hasFinally) {
      pending = temporary("pending", elements.getTypeElement("java.lang.Throwable").asType());
      branch = temporary("branch", types.getPrimitiveType(TypeKind.INT));
      pending.forceField();
      branch.forceField();
      frame = new Finally(finallyState, pending, branch);
    }
    // Regions: the body's (catches + finally) and, when there is a finally, the catches' (finally).
    List<Region.Catch> handlers = new ArrayList<>();
    List<Local> catchParams = new ArrayList<>();
    for (int i = 0; i < catches.size(); i++) {
      CatchTree c = (CatchTree) catches.get(i).getLeaf();
      TreePath paramPath = new TreePath(catches.get(i), c.getParameter());
      VariableElement param = (VariableElement) trees.getElement(paramPath);
      TypeMirror paramType = writableType(param.asType(), c.getParameter(), "catch parameter");
      Local local = newLocal(param.getSimpleName().toString(), paramType, Local.Kind.LOCAL, false);
      local.forceField();
      locals.put(param, local);
      catchParams.add(local);
      handlers.add(new Region.Catch(alternatives(param.asType()), local, catchStates[i]));
    }
    String where = comment(tree, "try").toString();
    int bodyRegion = emitter.addRegion(new Region(emitter.nextRegionId(), outer, where, handlers, finallyState, pending, branch));
    int catchRegion = hasFinally && !catches.isEmpty()
        ? emitter.addRegion(new Region(emitter.nextRegionId(), outer, where + " (catch blocks)", List.of(), finallyState, pending, branch))
        : outer;

    if (frame != null) {
      frames.push(frame);
    }
    emitter.start(bodyState, bodyRegion, comment(tree, "try body"));
    body.run();
    exitTryPart(hasFinally, pending, branch, finallyState, after);
    for (int i = 0; i < catches.size(); i++) {
      CatchTree c = (CatchTree) catches.get(i).getLeaf();
      emitter.start(catchStates[i], catchRegion, comment(c, "catch"));
      lowerStatement(new TreePath(catches.get(i), c.getBlock()));
      exitTryPart(hasFinally, pending, branch, finallyState, after);
    }
    if (frame != null) {
      frames.pop();
      emitter.start(finallyState, outer, comment(tree, resource != null ? "close resource" : "finally"));
      if (resource != null) {
        emitter.emit(closeResource(resource, pending));
      } else {
        finallyBody.run();
      }
      if (!emitter.isTerminated()) {
        replayExits(frame, after);
      }
    }
    emitter.start(after, outer, comment(tree, "after try"));
  }

  private void exitTryPart(boolean hasFinally, Local pending, Local branch, int finallyState, int after) {
    if (emitter.isTerminated()) {
      return;
    }
    if (hasFinally) {
      emitter.emit(Code.builder().local(pending).add(" = null;\n").local(branch).add(" = 0;").build());
      emitter.jump(finallyState);
    } else {
      emitter.jump(after);
    }
  }

  private Code closeResource(Local resource, Local pending) {
    return Code.builder()
        .add("if (").local(resource).add(" != null) {\n")
        .add("  if (").local(pending).add(" != null) {\n")
        .add("    try {\n      ").local(resource).add(".close();\n")
        .add("    } catch (Throwable suppressed$) {\n      ").local(pending).add(".addSuppressed(suppressed$);\n    }\n")
        .add("  } else {\n    ").local(resource).add(".close();\n  }\n")
        .add("}")
        .build();
  }

  /** After finally code: rethrow the pending exception, or replay the exit that entered it. */
  private void replayExits(Finally frame, int after) {
    emitter.emit(Code.builder()
        .add("if (").local(frame.pending).add(" != null) {\n")
        .add("  Throwable rethrown$ = ").local(frame.pending).add(";\n  ")
        .local(frame.pending).add(" = null;\n  throw rethrown$;\n}")
        .build());
    if (!frame.exits.isEmpty()) {
      Code.Builder replay = Code.builder().add("switch (").local(frame.branch).add(") {\n");
      for (int i = 0; i < frame.exits.size(); i++) {
        Exit exit = frame.exits.get(i);
        Code code = exit.isReturn() ? routeReturn(null, true, false) : exitCode(exit.target().tree(), exit.isContinue());
        replay.add("  case " + (i + 1) + ":\n    ").add(indented(code, "    ")).add("\n");
      }
      replay.add("}");
      emitter.emit(replay.build());
    }
    emitter.jump(after);
  }

  private static Code indented(Code code, String indent) {
    Code.Builder out = Code.builder();
    for (Code.Part part : code.parts()) {
      out.add(part instanceof Code.Text t ? new Code.Text(t.text().replace("\n", "\n" + indent)) : part);
    }
    return out.build();
  }

  private List<TypeMirror> alternatives(TypeMirror type) {
    if (type.getKind() == TypeKind.UNION) {
      List<TypeMirror> out = new ArrayList<>();
      for (TypeMirror t : ((javax.lang.model.type.UnionType) type).getAlternatives()) {
        out.add(types.erasure(t));
      }
      return out;
    }
    return List.of(types.erasure(type));
  }

  // ---------------------------------------------------------------- exits

  /** The switch expressions split into states: where their {@code yield}s store the value. */
  private final Map<Tree, Local> switchResults = new HashMap<>();

  /** Called by the expression lowering around the cases of a switch expression it splits. */
  void enterSwitchExpression(Tree tree, Local result, int after) {
    switchResults.put(tree, result);
    frames.push(new Breakable(tree, null, after, -1));
  }

  void exitSwitchExpression() {
    frames.pop();
  }

  @Override
  public Code yieldCode(Tree switchExpression, Code value) {
    Local result = switchResults.get(switchExpression);
    if (result == null) {
      return null;
    }
    Code exit = exitCode(switchExpression, false);
    return Code.builder().add("{\n  ").local(result).add(" = ").add(value).add(";\n  ").add(exit).add("\n}").build();
  }

  private static Tree enclosingSwitchExpression(TreePath path) {
    for (TreePath p = path.getParentPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof SwitchExpressionTree) {
        return p.getLeaf();
      }
    }
    return null;
  }

  @Override
  public Code exitCode(Tree target, boolean isContinue) {
    List<Finally> crossed = new ArrayList<>();
    for (Frame frame : frames) {
      if (frame instanceof Finally f) {
        crossed.add(f);
      } else if (frame instanceof Breakable b && b.matches(target)) {
        if (crossed.isEmpty()) {
          return Code.of(Emitter.jumpText(isContinue ? b.continueTarget() : b.breakTarget()));
        }
        Finally innermost = crossed.get(0);
        int number = innermost.register(new Exit(b, isContinue, false));
        return enterFinally(innermost, number);
      }
    }
    return null;
  }

  private Code enterFinally(Finally frame, int number) {
    return Code.builder()
        .add("{ ").local(frame.pending).add(" = null; ")
        .local(frame.branch).add(" = " + number + "; state$ = " + frame.entry + "; continue " + Emitter.LOOP + "; }")
        .build();
  }

  @Override
  public Code returnCode(ExpressionTree expression, Code value, boolean insideCopiedFinally) {
    Code direct = completedValue(expression);
    return routeReturn(direct != null ? null : value, false, insideCopiedFinally, direct);
  }

  private Code routeReturn(Code value, boolean alreadyStored, boolean insideCopiedFinally) {
    return routeReturn(value, alreadyStored, insideCopiedFinally, null);
  }

  /**
   * The code of a return: complete the future at once, or, when finally code must run first, store
   * the value and go through the finally (or, for a copied try, jump to a state that returns once
   * the copied finally has run on the way out).
   */
  private Code routeReturn(Code value, boolean alreadyStored, boolean insideCopiedFinally, Code completed) {
    Finally innermost = null;
    for (Frame frame : frames) {
      if (frame instanceof Finally f) {
        innermost = f;
        break;
      }
    }
    if (innermost == null && !insideCopiedFinally) {
      if (completed != null) {
        return Code.builder().add("{\n  return$(").add(completed).add(");\n  return;\n}").build();
      }
      if (alreadyStored) {
        return Code.builder().add("{\n  returnFrom$(").local(returnValue()).add(");\n  return;\n}").build();
      }
      return Code.builder().add("{\n  returnFrom$(").add(value).add(");\n  return;\n}").build();
    }
    Code.Builder code = Code.builder().add("{\n  ");
    if (!alreadyStored) {
      Code stored = completed != null
          ? Code.builder().type(types.erasure(elements.getTypeElement("java.util.concurrent.CompletableFuture").asType()))
              .add(".completedFuture(").add(completed).add(")").build()
          : value;
      code.local(returnValue()).add(" = ").add(stored).add(";\n  ");
    }
    if (innermost == null) {
      if (returnState < 0) {
        returnState = emitter.newState();
      }
      return code.add("state$ = " + returnState + ";\n  continue " + Emitter.LOOP + ";\n}").build();
    }
    int number = innermost.register(new Exit(null, false, true));
    return code.add(enterFinally(innermost, number)).add("\n}").build();
  }

  /** For {@code return CompletableFuture.completedFuture(v);}: the code of {@code v}, else null. */
  private Code completedValue(ExpressionTree expression) {
    if (!(expression instanceof MethodInvocationTree call) || call.getArguments().size() != 1) {
      return null;
    }
    String select = call.getMethodSelect().toString();
    if (!(select.equals("completedFuture") || select.endsWith(".completedFuture")
        || select.equals("completedStage") || select.endsWith(".completedStage"))) {
      return null;
    }
    TreePath path = trees.getPath(methodPath.getCompilationUnit(), expression);
    Element element = path == null ? null : trees.getElement(path);
    if (!(element instanceof ExecutableElement m)
        || !((TypeElement) m.getEnclosingElement()).getQualifiedName().contentEquals("java.util.concurrent.CompletableFuture")
        || awaits.containsAwait(path)) {
      return null;
    }
    return splicer.splice(new TreePath(path, call.getArguments().get(0)), Map.of(), true);
  }

  private Local returnValue() {
    if (returnValue == null) {
      returnValue = temporary("returned", method.getReturnType());
      returnValue.forceField();
    }
    return returnValue;
  }

  // ---------------------------------------------------------------- locals

  Local temporary(String base, TypeMirror type) {
    int n = counters.merge(base, 1, Integer::sum);
    Local local = new Local(base + "$" + n, type, Local.Kind.TEMPORARY, false);
    localList.add(local);
    if (!scopes.isEmpty()) {
      scopes.peek().add(local);
    }
    names.add(local.name());
    return local;
  }

  private Local newLocal(String name, TypeMirror type, Local.Kind kind, boolean isFinal) {
    String unique = name;
    for (int n = 2; names.contains(unique); n++) {
      unique = name + "$" + n;
    }
    names.add(unique);
    Local local = new Local(unique, type, kind, isFinal);
    localList.add(local);
    if (!scopes.isEmpty() && kind == Local.Kind.LOCAL) {
      scopes.peek().add(local);
    }
    return local;
  }

  @Override
  public Local localFor(Element variable) {
    return locals.get(variable);
  }

  @Override
  public Local hoistBinding(VariableElement binding) {
    Local local = locals.get(binding);
    if (local == null) {
      TypeMirror type = writableType(binding.asType(), methodPath.getLeaf(), "pattern variable " + binding);
      local = newLocal(binding.getSimpleName().toString(), type, Local.Kind.LOCAL, false);
      local.forceField();
      locals.put(binding, local);
    }
    return local;
  }

  /** The names of every managed local, which shadow the user's fields in generated code. */
  public Set<String> localNames() {
    return names;
  }

  // ---------------------------------------------------------------- types and context

  TypeMirror typeOf(TreePath path) {
    TypeMirror type = trees.getTypeMirror(path);
    return writableType(type, path.getLeaf(), "expression `" + shorten(splicer.text(path.getLeaf())) + "`");
  }

  TypeMirror writableType(TypeMirror type, Tree tree, String what) {
    if (type == null || type.getKind() == TypeKind.ERROR) {
      throw new UnsupportedConstruct(tree, "[CoroutineVarType] the type of " + what
          + " is not known when the processor runs (it may name a class generated in the same"
          + " compilation); declare it with an explicit type, or move it out of the @Coroutine body");
    }
    return denotable.of(type).orElseThrow(() -> new UnsupportedConstruct(tree,
        "[CoroutineVarType] the type of " + what + " is " + type + ", which cannot be written in"
            + " source, so it cannot be kept across an await; declare it with an explicit type"));
  }

  private final List<SuperCall> superCalls = new ArrayList<>();
  /** The body's local types by name, in declaration order (see {@link #hoistLocalType}). */
  private final Map<String, Code> localTypes = new java.util.LinkedHashMap<>();

  @Override
  public Code superCall(ExecutableElement method, TypeMirror resultType, List<Code> arguments) {
    boolean overridden = !declaringClass.equals(userClass)
        || javax.lang.model.util.ElementFilter.methodsIn(userClass.getEnclosedElements()).stream()
            .anyMatch(m -> elements.overrides(m, method, userClass));
    if (!overridden) {
      return null; // Foo_Coroutines.super.m() reaches the same method
    }
    List<TypeMirror> parameters = new ArrayList<>();
    StringBuilder field = new StringBuilder("super$").append(method.getSimpleName());
    for (VariableElement p : method.getParameters()) {
      TypeMirror erased = types.erasure(p.asType());
      parameters.add(erased);
      String simple = erased.toString().replaceAll(".*\\.", "").replace("[]", "Array");
      field.append('$').append(simple);
    }
    field.append("$in$").append(declaringClass.getSimpleName());
    superCalls.add(new SuperCall(field.toString(), declaringClass, (TypeElement) method.getEnclosingElement(),
        method.getSimpleName().toString(), types.erasure(method.getReturnType()), parameters));
    Code.Builder call = Code.builder();
    boolean isVoid = method.getReturnType().getKind() == TypeKind.VOID;
    if (!isVoid) {
      TypeMirror type = writableType(resultType, methodPath.getLeaf(), "super." + method.getSimpleName() + "()");
      call.add("((").type(type).add(") ");
    }
    call.add(field + ".invoke(" + generatedName + ".this");
    for (Code argument : arguments) {
      call.add(", ").add(argument);
    }
    call.add(")");
    if (!isVoid) {
      call.add(")");
    }
    return call.build();
  }

  @Override
  public boolean isStaticCoroutine(ExecutableElement candidate) {
    return staticCoroutines.contains(candidate);
  }

  @Override
  public boolean isMemberOfUserClass(Element member) {
    return elements.getAllMembers(userClass).contains(member);
  }

  @Override
  public boolean isUserClass(Element type) {
    return type != null && (type.equals(userClass) || type.equals(declaringClass));
  }

  @Override
  public String generatedName() {
    return generatedName;
  }

  /** {@code Foo.java:12: while (x < 3)}, for the comment over a state and its stack frame. */
  Where comment(Tree tree, String what) {
    return new Where(fileName, splicer.line(tree), what, shorten(splicer.text(tree)));
  }

  private static String shorten(String text) {
    String firstLine = text.strip().lines().findFirst().orElse("");
    firstLine = firstLine.replace("*/", "* /");
    return firstLine.length() > 60 ? firstLine.substring(0, 57) + "..." : firstLine;
  }

  private static String simpleFileName(CompilationUnitTree unit) {
    String name = unit.getSourceFile().getName();
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1);
  }
}
