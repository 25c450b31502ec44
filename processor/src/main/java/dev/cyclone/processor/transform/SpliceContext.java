package dev.cyclone.processor.transform;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import dev.cyclone.processor.model.Code;
import dev.cyclone.processor.model.Local;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import java.util.List;

/** What the {@link Splicer} asks the lowering while it copies the user's code. */
interface SpliceContext {
  /** The managed local for a variable, or null when the variable stays as written. */
  Local localFor(Element variable);

  /** Makes a pattern variable a managed local (it is read outside the expression that binds it). */
  Local hoistBinding(VariableElement binding);

  /**
   * The code of {@code return value;} in copied code. {@code insideCopiedFinally} is true when a
   * copied {@code try} with a finally encloses the return: the finally must run before the
   * coroutine's future completes.
   */
  Code returnCode(ExpressionTree expression, Code value, boolean insideCopiedFinally);

  /**
   * The code of a {@code break} or {@code continue} whose target statement was split into states
   * (so is outside the copied code), or null if the target is not known.
   */
  Code exitCode(Tree target, boolean isContinue);

  /**
   * The code of a {@code yield value;} whose switch expression was split into states, or null when
   * the switch expression is copied as it is.
   */
  Code yieldCode(Tree switchExpression, Code value);

  /**
   * The code of {@code super.method(arguments)} when the generated subclass cannot write it as
   * {@code Foo_Coroutines.super.method(...)} (the user's class overrides the method), else null.
   */
  Code superCall(ExecutableElement method, TypeMirror resultType, List<Code> arguments);

  /** True for a static {@code @Coroutine} method of the class being compiled. */
  boolean isStaticCoroutine(ExecutableElement method);

  /** True when {@code member} is a field or method the user's class declares or inherits. */
  boolean isMemberOfUserClass(Element member);

  /** True when {@code type} is the user's class (the one that declares the coroutine). */
  boolean isUserClass(Element type);

  /** The simple name of the generated subclass, e.g. {@code Foo_Coroutines}. */
  String generatedName();
}
