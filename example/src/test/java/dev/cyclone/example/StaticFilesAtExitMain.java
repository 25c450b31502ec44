package dev.cyclone.example;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The child JVM of {@code StaticFilesTest.theCopyOutOfAJarIsDeletedAtExit}: finds the static folder
 * in the jar {@code args[0]} (so it is copied out), prints where and whether its index is there,
 * and exits.
 */
public final class StaticFilesAtExitMain {
  private StaticFilesAtExitMain() {}

  public static void main(String[] args) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[0]).toUri().toURL()}, null)) {
      Path found = StaticFiles.directory(loader);
      System.out.println("copied to " + found);
      System.out.println("index there: " + Files.isRegularFile(found.resolve("index.html")));
    }
  }
}
