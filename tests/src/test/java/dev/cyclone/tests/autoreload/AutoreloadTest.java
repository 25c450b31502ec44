package dev.cyclone.tests.autoreload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cyclone.tests.testsupport.JavaSources;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Development mode as a user meets it: a small app with {@code autoreload(true)} runs in its own
 * JVM; its handler is changed and recompiled into the same class directory, as {@code mvn compile}
 * would; the server comes back on the same port and answers with the new code.
 */
class AutoreloadTest {
  private static String app(String answer) {
    return """
        import static dev.cyclone.web.URLSpec.url;

        import dev.cyclone.ioloop.IOLoop;
        import dev.cyclone.web.AppSettings;
        import dev.cyclone.web.Application;
        import dev.cyclone.web.RequestHandler;
        import java.util.List;

        public class App {
          public static class MainHandler extends RequestHandler {
            public void get() {
              write("%s");
            }
          }

          public static void main(String[] args) {
            new Application(List.of(url("/", MainHandler.class)), AppSettings.builder().autoreload(true).build())
                .listen(Integer.parseInt(args[0]), "127.0.0.1");
            IOLoop.current().start();
          }
        }
        """.formatted(answer);
  }

  @Test
  void aRecompiledHandlerIsServedOnTheSamePortAfterARestart(@TempDir Path dir) throws Exception {
    Path classes = dir.resolve("classes");
    JavaSources.compile(Map.of("App.java", app("version 1")), dir.resolve("src"), classes);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("app.log");
    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dorg.slf4j.simpleLogger.log.dev.cyclone.autoreload=info", // this module's tests log at WARN
            "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"),
            "App", Integer.toString(port))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      awaitAnswer(client, port, "version 1", log);
      // a rebuild: new class files over the old ones, as mvn compile writes them
      Thread.sleep(1100); // file times have a resolution of a second on some file systems
      JavaSources.compile(Map.of("App.java", app("version 2")), dir.resolve("src"), classes);
      awaitAnswer(client, port, "version 2", log);
      String output = Files.readString(log);
      assertEquals(true, output.contains("[Autoreload]") && output.contains("restarting"), output);
    } finally {
      List<ProcessHandle> all = process.descendants().toList();
      process.destroy();
      all.forEach(ProcessHandle::destroy);
      process.waitFor();
    }
  }

  private static void awaitAnswer(HttpClient client, int port, String expected, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String last = "(no answer)";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200 && r.body().equals(expected)) {
          return;
        }
      } catch (IOException restarting) {
        last = restarting.toString();
      }
      Thread.sleep(100);
    }
    fail("the app never answered \"" + expected + "\"; last: " + last + "\nits log:\n" + Files.readString(log));
  }
}
