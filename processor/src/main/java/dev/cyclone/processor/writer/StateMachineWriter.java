package dev.cyclone.processor.writer;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.TypeVariableName;
import dev.cyclone.processor.model.Code;
import dev.cyclone.processor.model.CoroutineMethod;
import dev.cyclone.processor.model.InheritedNames;
import dev.cyclone.processor.model.Line;
import dev.cyclone.processor.model.Local;
import dev.cyclone.processor.model.Region;
import dev.cyclone.processor.model.State;
import dev.cyclone.processor.model.StateMachine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeMirror;

/**
 * Writes one coroutine's state machine: a class whose fields are the locals that survive a
 * suspension and whose {@code resume$()} is a {@code switch} over its states, each case commented
 * with the line of the user's source where it resumes, in the manner of Netty's {@code
 * HttpObjectDecoder}. A {@code catch} around the switch is the exception table of the body's
 * {@code try} blocks.
 */
final class StateMachineWriter {
  static final ClassName ABSTRACT_COROUTINE = ClassName.bestGuess(InheritedNames.BASE);

  private final CoroutineMethod coroutine;
  private final StateMachine machine;
  private final CodeRenderer renderer;
  private int copies;

  StateMachineWriter(CoroutineMethod coroutine, String generatedName, InheritedNames inherited) {
    this.coroutine = coroutine;
    this.machine = coroutine.stateMachine();
    Set<String> locals = new HashSet<>();
    for (Local local : machine.locals()) {
      locals.add(local.name());
    }
    this.renderer = new CodeRenderer(generatedName, locals, inherited);
  }

  /**
   * True when the body declares local types: then the state machine is a local class of the method
   * that starts it, declared after them (see {@link #localTypes()}), instead of a member class.
   */
  boolean isLocal() {
    return !machine.localTypes().isEmpty();
  }

  /** The body's local types as written, for the method that starts the state machine. */
  CodeBlock localTypes() {
    CodeBlock.Builder out = CodeBlock.builder();
    for (Code declaration : machine.localTypes()) {
      out.add(renderer.render(declaration)).add("\n");
    }
    return out.build();
  }

  TypeSpec write() {
    ExecutableElement method = coroutine.method();
    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    TypeSpec.Builder type = TypeSpec.classBuilder(machine.className())
        .addJavadoc("The state machine of {@code $L}: one case of {@link #resume$$()} for each piece of\n"
            + "its body between two awaits.\n", signature(method))
        .superclass(ParameterizedTypeName.get(ABSTRACT_COROUTINE, TypeName.get(machine.resultType()).box()));
    if (isLocal()) {
      type.addModifiers(Modifier.FINAL); // a local class: no access modifier, never static
    } else {
      type.addModifiers(Modifier.PRIVATE, Modifier.FINAL);
      if (isStatic) {
        type.addModifiers(Modifier.STATIC);
      }
    }
    for (TypeParameterElement parameter : method.getTypeParameters()) {
      type.addTypeVariable(TypeVariableName.get(parameter));
    }
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
    for (Local local : machine.locals()) {
      if (local.isField()) {
        type.addField(FieldSpec.builder(renderer.typeName(local.type()), local.name(), Modifier.PRIVATE).build());
      }
      if (local.kind() == Local.Kind.PARAMETER) {
        constructor.addParameter(renderer.typeName(local.type()), local.name());
        constructor.addStatement("this.$L = $L", local.name(), local.name());
      }
    }
    type.addMethod(constructor.build());
    type.addMethod(MethodSpec.methodBuilder("resume$")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(void.class)
        .addException(Throwable.class)
        .addCode(resumeBody())
        .build());
    type.addMethod(frameMethod(method));
    return type.build();
  }

  /**
   * {@code frame$()}: the user's class, method, file and the line of the current state, for the
   * async frames of a failure that leaves the body. States of one line share a case.
   */
  private MethodSpec frameMethod(ExecutableElement method) {
    Map<Long, List<String>> statesByLine = new LinkedHashMap<>();
    String file = "";
    for (State state : machine.states()) {
      if (state.where().line() > 0) {
        statesByLine.computeIfAbsent(state.where().line(), l -> new ArrayList<>()).add(String.valueOf(state.id()));
        file = state.where().file();
      }
    }
    CodeBlock.Builder lines = CodeBlock.builder().add("int line = switch (state$$) {\n").indent();
    statesByLine.forEach((line, ids) -> lines.add("case $L -> $L;\n", String.join(", ", ids), line));
    lines.add("default -> -1;\n").unindent().add("};\n");
    return MethodSpec.methodBuilder("frame$")
        .addJavadoc("Where the body is in {@code $L}, for the async frames of a failure.\n", file)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .returns(StackTraceElement.class)
        .addCode(lines.build())
        .addStatement("return new $T($S, $S, $S, line)", StackTraceElement.class,
            binaryName((TypeElement) method.getEnclosingElement()), method.getSimpleName().toString(), file)
        .build();
  }

  /** {@code p.Outer$Inner}: the name a stack trace gives a class. */
  private static String binaryName(TypeElement type) {
    if (type.getEnclosingElement() instanceof TypeElement outer) {
      return binaryName(outer) + "$" + type.getSimpleName();
    }
    return type.getQualifiedName().toString();
  }

  private CodeBlock resumeBody() {
    CodeBlock.Builder body = CodeBlock.builder();
    boolean hasRegions = !machine.regions().isEmpty();
    body.add("$L:\n", "loop$");
    body.beginControlFlow("for (;;)");
    if (hasRegions) {
      body.beginControlFlow("try");
    }
    body.beginControlFlow("switch (state$$)");
    for (State state : machine.states()) {
      body.add("case $L: { // $L\n", state.id(), state.where());
      body.indent();
      for (Line line : state.lines()) {
        body.add(line(line));
      }
      body.unindent();
      body.add("}\n");
    }
    body.add("default:\n");
    body.indent();
    body.addStatement("throw new $T($S + state$$)", IllegalStateException.class, "no such state: ");
    body.unindent();
    body.endControlFlow();
    if (hasRegions) {
      body.nextControlFlow("catch ($T e$$)", Throwable.class);
      body.add(exceptionTable());
      body.endControlFlow();
    }
    body.endControlFlow();
    return body.build();
  }

  private CodeBlock line(Line line) {
    if (line instanceof Line.Clear clear) {
      return clear.local().isField() ? CodeBlock.of("$L = null;\n", clear.local().name()) : CodeBlock.of("");
    }
    Code code = line instanceof Line.Statement s ? s.code() : ((Line.Declare) line).init();
    CodeBlock.Builder out = CodeBlock.builder();
    Map<Local, String> names = new IdentityHashMap<>();
    if (code != null) {
      for (Local captured : code.capturedLocals()) {
        if (captured.isField()) {
          String copy = captured.name() + "$c" + (++copies);
          names.put(captured, copy);
          out.addStatement("final $T $L = $L", renderer.typeName(captured.type()), copy, captured.name());
        }
      }
    }
    if (line instanceof Line.Statement s) {
      if (!s.code().isEmpty()) {
        out.add(renderer.render(s.code(), names)).add("\n");
      }
    } else {
      Line.Declare d = (Line.Declare) line;
      Local local = d.local();
      if (local.isField()) {
        if (d.init() != null) {
          out.add("$L = ", local.name()).add(renderer.render(d.init(), names)).add(";\n");
        }
      } else {
        out.add(local.declaredFinal() ? "final $T $L" : "$T $L", renderer.typeName(local.type()), local.name());
        if (d.init() != null) {
          out.add(" = ").add(renderer.render(d.init(), names));
        }
        out.add(";\n");
      }
    }
    return out.build();
  }

  /** For each state in a try region: the region's catches, then its finally, then the outer ones. */
  private CodeBlock exceptionTable() {
    CodeBlock.Builder out = CodeBlock.builder();
    Map<Integer, List<Integer>> statesByRegion = new HashMap<>();
    for (State state : machine.states()) {
      if (state.region() >= 0) {
        statesByRegion.computeIfAbsent(state.region(), r -> new ArrayList<>()).add(state.id());
      }
    }
    out.beginControlFlow("switch (state$$)");
    for (Region region : machine.regions()) {
      List<Integer> states = statesByRegion.get(region.id());
      if (states == null) {
        continue;
      }
      StringBuilder labels = new StringBuilder();
      for (int id : states) {
        labels.append("case ").append(id).append(": ");
      }
      out.add("$L{ // $L\n", labels, region.comment());
      out.indent();
      boolean caughtAll = false;
      for (Region r = region; r != null && !caughtAll; r = r.parent() >= 0 ? machine.regions().get(r.parent()) : null) {
        caughtAll = handlers(out, r);
      }
      if (!caughtAll) {
        out.addStatement("throw e$$");
      }
      out.unindent();
      out.add("}\n");
    }
    out.endControlFlow();
    out.addStatement("throw e$$");
    return out.build();
  }

  /** Writes a region's handlers; true when they catch everything (a finally). */
  private boolean handlers(CodeBlock.Builder out, Region region) {
    for (Region.Catch c : region.catches()) {
      CodeBlock.Builder test = CodeBlock.builder();
      for (int i = 0; i < c.types().size(); i++) {
        test.add(i == 0 ? "e$$ instanceof $T" : " || e$$ instanceof $T", renderer.typeName(c.types().get(i)));
      }
      out.beginControlFlow("if ($L)", test.build());
      out.addStatement("$L = ($T) e$$", c.param().name(), renderer.typeName(c.param().type()));
      out.addStatement("state$$ = $L", c.target());
      out.addStatement("continue $L", "loop$");
      out.endControlFlow();
    }
    if (region.finallyTarget() >= 0) {
      out.addStatement("$L = e$$", region.pending().name());
      out.addStatement("$L = 0", region.branch().name());
      out.addStatement("state$$ = $L", region.finallyTarget());
      out.addStatement("continue $L", "loop$");
      return true;
    }
    return false;
  }

  static String signature(ExecutableElement method) {
    StringBuilder sb = new StringBuilder(method.getSimpleName()).append('(');
    List<? extends javax.lang.model.element.VariableElement> ps = method.getParameters();
    for (int i = 0; i < ps.size(); i++) {
      TypeMirror t = ps.get(i).asType();
      sb.append(i == 0 ? "" : ", ").append(t.toString().replaceAll("[\\w.]+\\.(\\w+)", "$1"));
    }
    return sb.append(')').toString();
  }
}
