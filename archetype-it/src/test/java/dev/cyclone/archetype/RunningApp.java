package dev.cyclone.archetype;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated application, started as its README says ({@code java -jar}) on a port the system
 * picks ({@code --port 0}), whose number it reads from the application's "listening on" line.
 * Its output is kept, and copied to a log file.
 */
final class RunningApp implements AutoCloseable {
  static final long STARTUP_SECONDS = 60;
  static final long OUTPUT_SECONDS = 10;
  private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)/");

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final PrintWriter log;
  private boolean readerRunning = true;

  private RunningApp(Process process, PrintWriter log) {
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::readOutput, "app-output");
    reader.setDaemon(true);
    reader.start();
  }

  static RunningApp start(Path jar, Path logFile) throws IOException {
    return start(logFile, "-jar", jar.toString(), "--port", "0");
  }

  /** Runs {@code java ARGS} (this JVM's java). */
  static RunningApp start(Path logFile, String... javaArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(javaArgs));
    return start(logFile, new ProcessBuilder(command));
  }

  /** Runs what {@code builder} describes, its output merged and kept. */
  static RunningApp start(Path logFile, ProcessBuilder builder) throws IOException {
    Process process = builder.redirectErrorStream(true).start();
    return new RunningApp(process, new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true));
  }

  /** How many lines of the output so far match. */
  synchronized int countOutput(Predicate<String> matches) {
    return (int) lines.stream().filter(matches).count();
  }

  /** {@code http://127.0.0.1:PORT} + {@code path}, once the application said it listens. */
  String url(String path) throws InterruptedException {
    String line = awaitOutput(l -> LISTENING.matcher(l).find(), STARTUP_SECONDS);
    Matcher m = LISTENING.matcher(line);
    m.find();
    return m.group(1) + path;
  }

  /** The first line of output that matches, waiting for it up to {@link #OUTPUT_SECONDS}. */
  String awaitOutput(Predicate<String> matches) throws InterruptedException {
    return awaitOutput(matches, OUTPUT_SECONDS);
  }

  private synchronized String awaitOutput(Predicate<String> matches, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (;;) {
      for (String line : lines) {
        if (matches.test(line)) {
          return line;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || !process.isAlive() && !readerRunning) {
        fail("the application did not print the expected line within " + seconds + " s"
            + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
            + "; its output:\n" + output());
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }

  /** Everything the application printed so far. */
  synchronized String output() {
    return String.join("\n", lines);
  }

  private void readOutput() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        log.println(line);
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    } finally {
      synchronized (this) {
        readerRunning = false;
        notifyAll();
      }
    }
  }

  /** Stops the application (as Ctrl-C does) and waits for it to end. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    log.close();
  }
}
