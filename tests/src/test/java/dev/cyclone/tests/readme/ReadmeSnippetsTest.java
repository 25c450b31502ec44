package dev.cyclone.tests.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.tests.testsupport.JavaSources;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The code blocks README.md offers for pasting, marked {@code <!-- snippet: File.java -->}, are
 * compiled as written (with the Cyclone processor, as a user's build would) and run: Hello, world
 * serves its two routes, and the test example passes under JUnit. A snippet that stops compiling
 * or working fails here, not in a new user's project.
 */
class ReadmeSnippetsTest {
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+\\.java)[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  private static Map<String, String> snippets;

  @BeforeAll
  static void readReadme() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    snippets = new LinkedHashMap<>();
    Matcher m = SNIPPET.matcher(readme);
    while (m.find()) {
      snippets.put(m.group(1), m.group(2));
    }
    assertTrue(snippets.containsKey("Hello.java") && snippets.containsKey("HelloTest.java"),
        "README.md's marked snippets: " + snippets.keySet());
  }

  /** Compiles {@code sources} (name → text) with the processor under {@code out}, and loads them. */
  private static URLClassLoader compile(Map<String, String> sources, Path out) throws IOException {
    Path classes = out.resolve("classes");
    JavaSources.compile(sources, out.resolve("src"), classes);
    return new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, ReadmeSnippetsTest.class.getClassLoader());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void helloWorldServesItsRoutesAsWritten(@TempDir Path dir) throws Exception {
    int port = freePort();
    String hello = snippets.get("Hello.java");
    assertTrue(hello.contains("8888"), "the snippet listens on 8888");
    // the one change: a free port, so that the test never meets a server a developer left running
    URLClassLoader loader = compile(Map.of("Hello.java", hello.replace("8888", Integer.toString(port))), dir);
    Thread main = new Thread(() -> {
      try {
        loader.loadClass("Hello").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }, "readme-hello-main");
    main.setDaemon(true);
    main.start();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> root = get(client, port, "/");
      assertEquals(200, root.statusCode());
      assertEquals("Hello, world", root.body());
      HttpResponse<String> story = get(client, port, "/story/42");
      assertEquals(200, story.statusCode());
      assertEquals("{\"story\":\"42\"}", story.body());
      assertTrue(story.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    } finally {
      IOLoop.current().stop(); // main() started the default loop from its plain thread
      main.join(5000);
    }
  }

  private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (java.net.ConnectException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(50); // main() is still starting the server
      }
    }
  }

  @Test
  void theTestExamplePassesUnderJUnit(@TempDir Path dir) throws Exception {
    URLClassLoader loader = compile(
        Map.of("Hello.java", snippets.get("Hello.java"), "HelloTest.java", snippets.get("HelloTest.java")), dir);
    Class<?> test = loader.loadClass("HelloTest");
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(test)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();
    StringBuilder failures = new StringBuilder();
    summary.getFailures().forEach(f -> failures.append(f.getTestIdentifier().getDisplayName())
        .append(": ").append(f.getException()).append('\n'));
    assertEquals(0, summary.getTotalFailureCount(), failures.toString());
    assertEquals(1, summary.getTestsSucceededCount(), "the README's HelloTest has one test, and it passes");
  }
}
