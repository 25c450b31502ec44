package dev.cyclone.archetype;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Maven that runs this build, offline, on the test's own local repository
 * ({@code it.repository}), with its output in a log file.
 */
final class Maven {
  /** Far above the 20 to 40 s a nested build takes on a busy two-core machine. */
  static final long TIMEOUT_MINUTES = 5;

  private Maven() {}

  /** Runs {@code mvn -B -o ARGS} in {@code directory}; fails with the end of the log if it fails. */
  static void run(Path directory, Path log, String... args) throws IOException, InterruptedException {
    Process maven = process(directory, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!maven.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      maven.destroyForcibly().waitFor();
      fail(String.join(" ", args) + " did not end within " + TIMEOUT_MINUTES + " minutes:\n" + tail(log));
    }
    if (maven.exitValue() != 0) {
      fail("mvn " + String.join(" ", args) + " failed (exit " + maven.exitValue() + ") in " + directory
          + "; its log, " + log + ", ends:\n" + tail(log));
    }
  }

  /** {@code mvn -B -o ARGS} in {@code directory}, ready to start. */
  static ProcessBuilder process(Path directory, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(ArchetypeIT.property("it.mavenHome"), "bin", "mvn").toString());
    command.addAll(List.of("-B", "-o", "-ntp", "-Dstyle.color=never",
        "-Dmaven.repo.local=" + ArchetypeIT.REPOSITORY));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_ARGS");
    return builder;
  }

  /** The last 60 lines of {@code log}. */
  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
