package dev.cyclone.tests.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources a test writes, as a user's build would: javac with the Cyclone processor
 * and this test's class path (the runtime, JUnit). Fails the test with javac's errors.
 */
public final class JavaSources {
  private JavaSources() {}

  /** Compiles {@code sources} (file name → text) into {@code classes}, keeping them under {@code src}. */
  public static void compile(Map<String, String> sources, Path src, Path classes) throws IOException {
    Files.createDirectories(src);
    Files.createDirectories(classes);
    List<File> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.writeString(file, e.getValue());
      files.add(file.toFile());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      String classpath = System.getProperty("java.class.path");
      List<String> options = List.of("--release", "17", "-classpath", classpath, "-processorpath", classpath,
          "-d", classes.toString(), "-s", src.toString());
      boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
      StringBuilder errors = new StringBuilder();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.append(d.getSource() == null ? "" : d.getSource().getName()).append(':')
              .append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
        }
      }
      assertTrue(ok, "does not compile:\n" + errors);
    }
  }
}
