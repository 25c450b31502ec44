package dev.cyclone.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The child JVM of {@code TemplatesTest.theCompiledTemplatesDirectoryIsDeletedAtExit}: renders a
 * template of {@code args[0]} in debug mode (compiled into a temporary directory), prints the
 * entries of {@code java.io.tmpdir} that are jte's, and exits.
 */
public final class TemplatesAtExitMain {
  private TemplatesAtExitMain() {}

  public static void main(String[] args) throws Exception {
    Templates templates =
        new Templates(AppSettings.builder().debug(true).templatePath(Path.of(args[0])).build());
    System.out.println("rendered " + templates.render("hello.jte", "exit").trim());
    try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cyclone-jte-"))
          .forEach(n -> System.out.println("compiled into " + n));
    }
  }
}
