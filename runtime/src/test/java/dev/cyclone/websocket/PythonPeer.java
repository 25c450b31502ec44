package dev.cyclone.websocket;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cyclone.testsupport.TestPeers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Python Tornado script run as a real peer: started with Debian's python3 (the test fails with
 * an install hint when Tornado is missing), its output read line by line, killed on {@link
 * #close()}. Scripts live beside this class as resources.
 */
final class PythonPeer implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private PythonPeer(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("(output ended: " + e + ")");
      }
    }, "python-peer-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the script {@code name} (a resource beside this class) with {@code args}. */
  static PythonPeer start(String name, String... args) throws IOException {
    Path script = Files.createTempFile("cyclone-", "-" + name);
    script.toFile().deleteOnExit();
    try (InputStream in = PythonPeer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> command = new ArrayList<>();
    command.add(TestPeers.pythonWithTornado().toString());
    command.add(script.toString());
    command.addAll(List.of(args));
    return new PythonPeer(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  /** The next line the script printed that starts with {@code prefix}, waiting up to 10 s. */
  String expectLine(String prefix) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line == null) {
        if (!process.isAlive() && lines.isEmpty()) {
          break;
        }
        continue;
      }
      if (line.startsWith(prefix)) {
        return line;
      }
      seen.add(line);
    }
    return fail("the Python peer printed no line starting with \"" + prefix + "\"; it printed " + seen);
  }

  /** The port from the script's {@code ready PORT} line. */
  int awaitReady() throws InterruptedException {
    return Integer.parseInt(expectLine("ready ").substring("ready ".length()).trim());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
