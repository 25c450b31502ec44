package dev.cyclone.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /static/...}: the example's logo and index page. */
class StaticFilesTest extends ExampleTestCase {
  @Test
  void servesTheLogo() {
    HttpResponse<byte[]> r = fetchBytes("/static/logo.png");
    assertEquals(200, r.statusCode());
    assertEquals("image/png", contentType(r));
    byte[] png = r.body();
    assertArrayEquals(staticFile("logo.png"), png);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
        java.util.Arrays.copyOf(png, 8));
  }

  @Test
  void theIndexPageShowsTheLogo() {
    for (String path : new String[] {"/static/", "/static/index.html"}) {
      HttpResponse<String> r = fetch(path);
      assertEquals(200, r.statusCode(), path);
      assertTrue(contentType(r).startsWith("text/html"), contentType(r));
      assertTrue(r.body().contains("<img src=\"/static/logo.png\""), r.body());
    }
  }

  @Test
  void missingFilesAndTraversalAreRefused() {
    assertEquals(404, fetch("/static/nope.png").statusCode());
    int traversal = fetch("/static/..%2Fpom.xml").statusCode();
    assertTrue(traversal == 403 || traversal == 404, "status " + traversal);
  }

  /** Packaged in a jar, the folder is copied out, since StaticFileHandler serves from disk. */
  @Test
  void theFolderIsFoundInsideAJar(@TempDir Path dir) throws Exception {
    Path jar = jarOfStaticFiles(dir);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Path found = StaticFiles.directory(loader);
      assertArrayEquals(staticFile("logo.png"), Files.readAllBytes(found.resolve("logo.png")));
      assertEquals("<img src=\"/static/logo.png\">", Files.readString(found.resolve("index.html")));
    }
  }

  /** The copy lives as long as the JVM: each start of the jar does not leave one behind. */
  @Test
  void theCopyOutOfAJarIsDeletedAtExit(@TempDir Path dir) throws Exception {
    Path jar = jarOfStaticFiles(dir);
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBinary, "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), StaticFilesAtExitMain.class.getName(), jar.toString())
        .redirectErrorStream(true)
        .start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not end");
    assertEquals(0, child.exitValue(), out);
    assertTrue(out.contains("copied to " + tmp.resolve("cyclone-example-static")), out);
    assertTrue(out.contains("index there: true"), out);
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList());
    }
  }

  private static Path jarOfStaticFiles(Path dir) throws Exception {
    Path jar = dir.resolve("example.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("static/"));
      out.putNextEntry(new JarEntry("static/index.html"));
      out.write("<img src=\"/static/logo.png\">".getBytes());
      out.putNextEntry(new JarEntry("static/logo.png"));
      out.write(staticFile("logo.png"));
    }
    return jar;
  }
}
