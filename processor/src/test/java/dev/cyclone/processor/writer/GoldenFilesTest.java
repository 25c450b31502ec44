package dev.cyclone.processor.writer;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cyclone.processor.CycloneProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A few generated files compared with checked-in copies, to see that the processor writes not only
 * correct but readable code, and notice when that changes. After a deliberate change, regenerate
 * them with {@code CYCLONE_REGENERATE_GOLDEN=true mvn -pl processor test -Dtest=GoldenFilesTest}
 * and review the diff.
 */
class GoldenFilesTest {
  @ParameterizedTest
  @CsvSource({
    "Fetcher, golden.Fetcher_Coroutines",
    "ItemHandler, golden.ItemHandler_Coroutines",
    "ItemHandler, golden.ItemHandler_Dispatcher",
    "ChatSocket, golden.ChatSocket_Dispatcher"
  })
  void generatedSourceMatchesGoldenFile(String input, String generated) throws IOException {
    JavaFileObject source = JavaFileObjects.forResource(resource("golden/input/" + input + ".java"));
    Compilation compilation = javac().withProcessors(new CycloneProcessor()).compile(source);
    assertThat(compilation).succeeded();
    String actual = compilation.generatedSourceFile(generated).orElseThrow()
        .getCharContent(true).toString();
    String goldenName = generated.substring(generated.lastIndexOf('.') + 1) + ".java";
    if (Boolean.parseBoolean(System.getenv("CYCLONE_REGENERATE_GOLDEN"))) {
      Path target = Paths.get("src/test/resources/golden", goldenName);
      Files.writeString(target, actual, StandardCharsets.UTF_8);
    }
    String expected = new String(resource("golden/" + goldenName).openStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(expected, actual, "generated " + generated + " differs from golden/" + goldenName);
  }

  private static URL resource(String name) {
    URL url = GoldenFilesTest.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new UncheckedIOException(new IOException("missing test resource " + name));
    }
    return url;
  }
}
