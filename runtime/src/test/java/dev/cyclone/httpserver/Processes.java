package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a peer program (curl, python3) to its end and returns what it printed. */
final class Processes {
  private Processes() {}

  /** Runs {@code command} (stderr into stdout) for up to 30 s; fails the test if it fails. */
  static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out: " + command);
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        fail(command + " exited " + p.exitValue() + ":\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Copies the test resource {@code name} (beside this class) to a temporary file. */
  static Path resource(String name) {
    try (InputStream in = Processes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      Path file = Files.createTempFile("cyclone-", "-" + name);
      file.toFile().deleteOnExit();
      Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code first} followed by {@code rest}. */
  static List<String> command(Object first, String... rest) {
    List<String> command = new ArrayList<>();
    command.add(first.toString());
    command.addAll(List.of(rest));
    return command;
  }
}
