package dev.cyclone.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks over every fixture file: each is valid plain Java (so the oracle stands), and whatever the
 * processor reports about it is a tagged error on the fixture's own lines, never in generated code.
 */
class FixtureSourcesTest {
  /** Fixtures that name their generated class, so they only compile with the processor. */
  private static final List<String> PROCESSOR_ONLY = List.of("fixtures/generated/Factory.java");
  /** Fixtures in Java 21's syntax: checked when the tests run on JDK 21 or later (CI's JDK 25 pass). */
  private static final List<String> JDK21 = List.of("fixtures/expressions/Java21Patterns.java");

  /** Extra sources a fixture needs, e.g. a superclass in another package. */
  static String[] extras(String path) {
    return path.equals("fixtures/members/Members.java") ? new String[] {"fixtures/members/base/Base.java"} : new String[0];
  }

  static Stream<String> fixtures() throws IOException, URISyntaxException {
    Path root = Paths.get(FixtureSourcesTest.class.getClassLoader().getResource("fixtures").toURI()).getParent();
    try (Stream<Path> files = Files.walk(root.resolve("fixtures"))) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith("fixtures/support/") && !p.startsWith("fixtures/members/base/"))
          .filter(p -> Runtime.version().feature() >= 21 || !JDK21.contains(p))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void compilesAsPlainJava(String path) {
    if (PROCESSOR_ONLY.contains(path)) {
      return;
    }
    Compilation c = Fixture.of(path, "", extras(path)).blocking();
    assertEquals(Compilation.Status.SUCCESS, c.status(), () -> CoroutineTestCompiler.describeDiagnostics(c));
  }

  private static final Pattern TAG = Pattern.compile("^\\[[A-Za-z]+\\] \\S.*", Pattern.DOTALL);

  @ParameterizedTest
  @MethodSource("fixtures")
  void processorErrorsAreTaggedAndOnTheFixturesOwnLines(String path) {
    Compilation c = Fixture.of(path, "", extras(path)).compiled();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      String message = d.getMessage(null);
      String where = d.getSource() == null ? "(no file)" : d.getSource().getName();
      assertTrue(
          d.getSource() != null && where.contains("/fixtures/") && d.getLineNumber() > 0,
          () -> "an error outside the user's source (generated code?) at " + where + ":" + d.getLineNumber() + ": " + message);
      assertTrue(TAG.matcher(message).matches(), () -> "an untagged error at " + where + ":" + d.getLineNumber() + ": " + message);
      if (message.startsWith("[CoroutineUnsupported]")) {
        assertTrue(message.length() > "[CoroutineUnsupported] ".length() + 10, () -> "does not name the construct: " + message);
      }
    }
  }
}
