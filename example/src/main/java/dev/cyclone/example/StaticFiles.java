package dev.cyclone.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the example's {@code static/} folder. Maven copies {@code example/static} to {@code
 * static/} on the class path, so the server finds it wherever it was started from (the repository
 * root under {@code mvn exec:java}, the module under tests). {@code StaticFileHandler} serves files
 * from disk, so when the class path is a jar the folder is copied out of it once, into a temporary
 * directory the JVM deletes when it exits.
 */
final class StaticFiles {
  private StaticFiles() {}

  /** The directory of {@code static/index.html} on {@code loader}'s class path. */
  static Path directory(ClassLoader loader) {
    URL index = loader.getResource("static/index.html");
    if (index == null) {
      throw new IllegalStateException(
          "[ExampleStatic] static/index.html is not on the class path; build the example with"
              + " Maven, which copies example/static there");
    }
    try {
      URI uri = index.toURI();
      if (uri.getScheme().equals("file")) {
        return Path.of(uri).getParent();
      }
      return extract(uri);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("[ExampleStatic] unreadable resource URL " + index, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies the folder holding {@code index} out of its jar into a new temporary directory, deleted
   * at exit (a server started a hundred times does not leave a hundred copies behind). Each path is
   * registered as it is made, parents first, and the JVM deletes in the reverse order.
   */
  @SuppressWarnings("try") // the jar's file system must stay open while its files are read
  private static Path extract(URI index) throws IOException {
    Path target = Files.createTempDirectory("cyclone-example-static");
    target.toFile().deleteOnExit();
    try (FileSystem jar = FileSystems.newFileSystem(index, Map.of())) {
      Path source = Path.of(index).getParent();
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          Path copy = target.resolve(source.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(copy);
          } else {
            Files.copy(file, copy);
          }
          copy.toFile().deleteOnExit();
        }
      }
    }
    return target;
  }
}
