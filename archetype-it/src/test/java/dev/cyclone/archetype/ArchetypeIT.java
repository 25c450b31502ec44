package dev.cyclone.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A new project from nothing, as the README tells a user to make one: {@code mvn
 * archetype:generate} with the archetype just built, {@code mvn verify} in the new project, then
 * {@code java -jar} on its jar.
 *
 * <p>Both nested Mavens run offline on {@code it.repository}, which {@code invoker:install} filled
 * with this build's artifacts and the plugins the new project pins: the test sees this build's
 * Cyclone, never one installed earlier, and fails if the new project needs anything else.
 */
class ArchetypeIT {
  static final String GROUP_ID = "com.example.starter";
  static final String ARTIFACT_ID = "hello-cyclone";
  static final String VERSION = "1.0-SNAPSHOT";
  static final String PACKAGE = "com.example.starter.hello";

  static final Path REPOSITORY = Path.of(property("it.repository"));
  static final Path WORK = Path.of(property("it.directory"));
  static final Path PROJECT = WORK.resolve(ARTIFACT_ID);
  static final Path JAR = PROJECT.resolve("target/" + ARTIFACT_ID + "-" + VERSION + ".jar");

  /** Generates the project and runs its build once; the tests look at what it left. */
  @BeforeAll
  static void generateAndBuild() throws Exception {
    deleteRecursively(WORK);
    Files.createDirectories(WORK);
    Maven.run(WORK, WORK.resolve("generate.log"),
        property("it.archetypePlugin") + ":generate",
        "-DarchetypeGroupId=dev.cyclone",
        "-DarchetypeArtifactId=cyclone-archetype",
        "-DarchetypeVersion=" + property("it.cycloneVersion"),
        "-DgroupId=" + GROUP_ID,
        "-DartifactId=" + ARTIFACT_ID,
        "-Dversion=" + VERSION,
        "-Dpackage=" + PACKAGE);
    Maven.run(PROJECT, WORK.resolve("verify.log"), "verify");
  }

  @Test
  void theProjectCompilesWithTheProcessorOnJava17AndPinsEveryPlugin() throws Exception {
    Element pom = xml(PROJECT.resolve("pom.xml"));
    assertEquals(property("it.cycloneVersion"), text(pom, "cyclone.version"));
    NodeList plugins = pom.getElementsByTagName("plugin");
    assertTrue(plugins.getLength() >= 5, "plugins: " + plugins.getLength());
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      assertFalse(text(plugin, "version").isEmpty(), text(plugin, "artifactId") + " has no version");
    }
    assertEquals("17", text(pom, "release"));
    assertEquals("cyclone-processor", text(pom, "annotationProcessorPaths", "artifactId"));

    Path generated = PROJECT.resolve("target/generated-sources/annotations/" + PACKAGE.replace('.', '/'));
    assertTrue(Files.exists(generated.resolve("SleepHandler_Coroutines.java")), "the coroutine was compiled");
    assertTrue(Files.exists(generated.resolve("MainHandler_Dispatcher.java")), "the dispatcher was written");
  }

  @Test
  void theProjectsOwnTestRanAndPassed() throws Exception {
    Element report = xml(PROJECT.resolve("target/surefire-reports/TEST-" + PACKAGE + ".AppTest.xml"));
    assertEquals("3", report.getAttribute("tests"));
    assertEquals("0", report.getAttribute("failures"));
    assertEquals("0", report.getAttribute("errors"));
    assertEquals("0", report.getAttribute("skipped"));
  }

  @Test
  void theJarRunsByItselfWithLogbackAndWithoutTheProcessor() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertEquals(PACKAGE + ".App", jar.getManifest().getMainAttributes().getValue("Main-Class"));
      List<String> processor = jar.stream()
          .map(e -> e.getName())
          .filter(n -> n.startsWith("dev/cyclone/processor/") || n.startsWith("com/squareup/javapoet/"))
          .collect(Collectors.toList());
      assertEquals(List.of(), processor, "the processor is for javac only");
      assertTrue(jar.getEntry("dev/cyclone/web/Application.class") != null, "the runtime is inside");
      assertTrue(jar.getEntry("logback.xml") != null, "the logging configuration is inside");
    }
  }

  @Test
  void theJarServesBothRoutes() throws Exception {
    try (RunningApp app = RunningApp.start(JAR, WORK.resolve("app.log"))) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

      HttpResponse<String> hello = get(client, app.url("/"));
      assertEquals(200, hello.statusCode());
      assertEquals("Hello, world", hello.body());
      assertEquals("text/plain; charset=UTF-8", hello.headers().firstValue("Content-Type").orElse(""));

      HttpResponse<String> sleep = get(client, app.url("/sleep?ms=20"));
      assertEquals(200, sleep.statusCode());
      assertEquals("slept 20", sleep.body());

      // The access log, through logback's AsyncAppender: one readable line per request.
      app.awaitOutput(line -> line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  access 200 GET / \\(127\\.0\\.0\\.1\\) .*ms"));
      app.awaitOutput(line -> line.contains(" access 200 GET /sleep?ms=20 "));
      assertFalse(app.output().contains("SLF4J"), "SLF4J found no backend, or two:\n" + app.output());
    }
  }

  /**
   * Development mode as the project's README describes it: {@code mvn compile exec:java
   * -Dexec.args="--debug ..."}; a handler is edited and {@code mvn compile} rebuilds it; the app
   * restarts itself on the same port and answers with the new code.
   */
  @Test
  void withDebugTheAppReloadsItselfWhenItsClassesAreRebuilt() throws Exception {
    Path handler = PROJECT.resolve("src/main/java/" + PACKAGE.replace('.', '/') + "/MainHandler.java");
    String original = Files.readString(handler);
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/";
    try (RunningApp app = RunningApp.start(WORK.resolve("debug-app.log"), Maven.process(PROJECT,
        "compile", "exec:java", "-Dexec.args=--debug --port " + port))) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      assertEquals(url, app.url("/"), "the port asked for");
      assertEquals("Hello, world", get(client, url).body());

      Files.writeString(handler, original.replace("\"Hello, world\"", "\"Hello, again\""));
      Maven.run(PROJECT, WORK.resolve("recompile.log"), "compile");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String body = "";
      while (System.nanoTime() < deadline && !body.equals("Hello, again")) {
        TimeUnit.MILLISECONDS.sleep(200);
        try {
          body = get(client, url).body();
        } catch (IOException restarting) {
          body = "";
        }
      }
      assertEquals("Hello, again", body, "the new class answers, on the same port:\n" + app.output());
      assertTrue(app.countOutput(l -> l.contains("listening on " + url)) >= 2, app.output());
    } finally {
      Files.writeString(handler, original);
    }
  }

  private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The text of the first element reached through {@code path} (each a descendant of the last). */
  private static String text(Element from, String... path) {
    Element element = from;
    for (String name : path) {
      NodeList found = element.getElementsByTagName(name);
      if (found.getLength() == 0) {
        return "";
      }
      element = (Element) found.item(0);
    }
    return element.getTextContent().trim();
  }

  private static Element xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
  }

  static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      fail("system property " + name + " is not set: run this test through Maven (mvn verify)");
    }
    return value;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
