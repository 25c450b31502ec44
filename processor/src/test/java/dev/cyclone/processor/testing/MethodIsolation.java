package dev.cyclone.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Keeps one unsupported construct from failing every test of its fixture file. When a fixture does
 * not compile with the processor, the methods holding the errors are blanked out (replaced by spaces,
 * so every line keeps its number) and the rest is compiled again; tests of the other methods run
 * against that, and a test of a blanked method fails with that method's own errors.
 */
final class MethodIsolation {
  /** A method of the fixture source: its name and the lines it spans. */
  record Span(String name, long firstLine, long lastLine, int start, int end) {
    boolean contains(long line) {
      return line >= firstLine && line <= lastLine;
    }
  }

  /** The outcome: a compilation without the broken methods, and the errors of each broken method. */
  record Result(Compilation compilation, Map<String, List<String>> brokenMethods) {}

  private static final int MAX_ROUNDS = 4;

  private MethodIsolation() {}

  /**
   * Recompiles {@code main} without the methods that hold errors of {@code failed}, repeating while
   * new errors appear in other methods. Returns null when an error lies outside any method of {@code
   * main} (in the class structure, another file or generated code): then nothing can be isolated.
   */
  static Result isolate(Compilation failed, JavaFileObject main, List<JavaFileObject> others, java.util.function.Function<List<JavaFileObject>, Compilation> compile) {
    String text;
    try {
      text = main.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Span> spans = methodSpans(main);
    Map<String, List<String>> broken = new LinkedHashMap<>();
    Compilation current = failed;
    JavaFileObject currentMain = main;
    for (int round = 0; round < MAX_ROUNDS && current.status() != Compilation.Status.SUCCESS; round++) {
      Set<Integer> toBlank = new TreeSet<>();
      final JavaFileObject mainNow = currentMain;
      boolean anyInMain = current.errors().stream().anyMatch(d -> d.getSource() != null && sameFile(d.getSource(), mainNow));
      for (Diagnostic<? extends JavaFileObject> d : current.errors()) {
        if (anyInMain && d.getSource() != null && d.getSource().toUri().toString().contains("/SOURCE_OUTPUT/")) {
          continue; // a user error echoed in the generated code: it goes with the user's method
        }
        if (d.getSource() == null || !sameFile(d.getSource(), currentMain)) {
          return null;
        }
        Span span = innermost(spans, d.getLineNumber());
        if (span == null) {
          return null;
        }
        broken.computeIfAbsent(span.name(), k -> new ArrayList<>()).add("line " + d.getLineNumber() + ": " + d.getMessage(null));
        toBlank.add(spans.indexOf(span));
      }
      StringBuilder reduced = new StringBuilder(text);
      for (Span s : spans) {
        if (broken.containsKey(s.name())) {
          for (int i = s.start(); i < s.end(); i++) {
            if (reduced.charAt(i) != '\n') {
              reduced.setCharAt(i, ' ');
            }
          }
        }
      }
      List<JavaFileObject> sources = new ArrayList<>();
      currentMain = JavaFileObjects.forSourceString(binaryNameOf(main, text), reduced.toString());
      sources.add(currentMain);
      sources.addAll(others);
      current = compile.apply(sources);
    }
    return current.status() == Compilation.Status.SUCCESS ? new Result(current, broken) : null;
  }

  private static boolean sameFile(JavaFileObject a, JavaFileObject b) {
    return a.toUri().equals(b.toUri()) || a.getName().equals(b.getName());
  }

  private static Span innermost(List<Span> spans, long line) {
    Span best = null;
    for (Span s : spans) {
      if (s.contains(line) && (best == null || s.lastLine() - s.firstLine() < best.lastLine() - best.firstLine())) {
        best = s;
      }
    }
    return best;
  }

  /** Every method declared in the file (member classes included), with its extent. */
  static List<Span> methodSpans(JavaFileObject file) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavacTask task = (JavacTask) javac.getTask(null, null, d -> {}, List.of("-proc:none"), null, List.of(file));
    List<Span> spans = new ArrayList<>();
    try {
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethod(MethodTree node, Void unused) {
            int start = (int) positions.getStartPosition(unit, node);
            int end = (int) positions.getEndPosition(unit, node);
            if (start >= 0 && end > start) {
              spans.add(
                  new Span(
                      node.getName().toString(),
                      unit.getLineMap().getLineNumber(start),
                      unit.getLineMap().getLineNumber(end),
                      start,
                      end));
            }
            return super.visitMethod(node, unused);
          }
        }.scan(unit, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return spans;
  }

  /** {@code p.Foo} for a file {@code .../Foo.java} in package {@code p}. */
  private static String binaryNameOf(JavaFileObject file, String text) {
    String name = file.getName();
    String simple = name.substring(name.lastIndexOf('/') + 1).replace(".java", "");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;").matcher(text);
    return m.find() ? m.group(1) + "." + simple : simple;
  }
}
