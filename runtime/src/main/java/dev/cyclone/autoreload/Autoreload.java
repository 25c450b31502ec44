package dev.cyclone.autoreload;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the process when its code or files change (Tornado's {@code tornado.autoreload}), for
 * development: turned on by {@code AppSettings.autoreload(true)} (or {@code debug(true)}) when the
 * application {@code listen}s. Rebuild (for example {@code mvn -q compile} in another terminal, or
 * your IDE's build) and the server comes back on the same port with the new classes.
 *
 * <p>It watches the directories the handler classes were loaded from (a build's {@code
 * target/classes}, not jars), the static path, and whatever {@link #watch} adds, polling their
 * files' modification times every half second, as Tornado does. On a change it waits until the
 * files have settled (a build writes many), stops the servers it was given (so the port is free),
 * and restarts: the first process stays as a supervisor that runs the program again as a child with
 * the same command line, and runs it again each time the child asks to restart (exit code {@value
 * #RESTART}); a child that fails to start (a half-written build) is run again at the next change. The
 * supervisor ends with the child's exit code when the child ends for any other reason.
 *
 * <p>It stays off in a JVM that a test runner started (Maven's surefire and failsafe, Gradle's test
 * workers, the JUnit console launcher, IntelliJ's and Eclipse's runners): there the command line
 * to run again is the runner's, and a restart would run the whole test suite a second time, as a
 * child of the first, while the first goes on. An application with {@code debug(true)} can thus be
 * tested as it is.
 *
 * <p>Never use it in production: a restart drops every connection.
 */
public final class Autoreload {
  private static final Logger log = LoggerFactory.getLogger(Autoreload.class);

  /** The exit code by which a child asks its supervisor to run the program again. */
  public static final int RESTART = 3;
  /** Set in a child's environment, so that it exits to restart instead of supervising. */
  static final String CHILD = "CYCLONE_AUTORELOAD_CHILD";
  private static final long POLL_MILLIS = 500;
  private static final long SETTLE_MILLIS = 300;

  private static final Set<Path> watched = new CopyOnWriteArraySet<>();
  private static final List<Runnable> beforeRestart = new CopyOnWriteArrayList<>();
  /**
   * Prefixes of the main classes of test runners ({@code sun.java.command}); see the class comment.
   */
  private static final List<String> TEST_RUNNERS =
      List.of(
          "org.apache.maven.surefire.", // surefire's and failsafe's forked booter
          "worker.org.gradle.process.", // Gradle's test worker
          "org.gradle.",
          "org.junit.platform.console.",
          "com.intellij.rt.",
          "org.eclipse.jdt.internal.junit");

  private static Thread watcher;
  private static boolean refusedInTests;

  private Autoreload() {}

  /**
   * Starts watching (once per process; later calls add to what is watched): called by {@code
   * Application.listen} when the {@code autoreload} setting is on, with the handler classes and the
   * static path. {@code stop} runs before a restart, on the watcher thread: it stops the server so
   * that the next process can take its port.
   */
  public static synchronized void start(List<Class<?>> classes, List<Path> paths, Runnable stop) {
    String javaCommand = System.getProperty("sun.java.command", "");
    if (startedByTestRunner(javaCommand) || calledFromATest()) {
      if (!refusedInTests) {
        refusedInTests = true;
        log.info("[AutoreloadInTests] autoreload stays off: this JVM runs tests ({}), and a restart"
            + " would run them all again", javaCommand.split(" ", 2)[0]);
      }
      return;
    }
    for (Class<?> c : classes) {
      classDirectory(c).ifPresent(watched::add);
    }
    for (Path p : paths) {
      watched.add(p.toAbsolutePath().normalize());
    }
    beforeRestart.add(stop);
    if (watcher == null) {
      watcher = new Thread(Autoreload::watchLoop, "cyclone-autoreload");
      watcher.setDaemon(true);
      watcher.start();
      log.info("[Autoreload] watching {}; a change restarts the server", watched);
    }
  }

  /**
   * True when {@code javaCommand} (the JVM's main class or jar, and arguments) is a test runner's.
   * Surefire starts its JVM from a jar of its own, {@code surefirebooter-*.jar}.
   */
  static boolean startedByTestRunner(String javaCommand) {
    String main = javaCommand.split(" ", 2)[0];
    for (String runner : TEST_RUNNERS) {
      if (main.startsWith(runner)) {
        return true;
      }
    }
    String file = main.substring(main.lastIndexOf('/') + 1);
    return file.startsWith("surefirebooter") && file.endsWith(".jar");
  }

  /** True when a test framework (JUnit, TestNG) is on the calling thread's stack. */
  private static boolean calledFromATest() {
    return StackWalker.getInstance()
        .walk(frames -> frames.anyMatch(f -> isTestFramework(f.getClassName())));
  }

  static boolean isTestFramework(String className) {
    return className.startsWith("org.junit.") || className.startsWith("junit.framework.")
        || className.startsWith("org.testng.");
  }

  /** True once {@link #start} watches something: the watcher thread runs. */
  static synchronized boolean watching() {
    return watcher != null;
  }

  /** Also restart when anything under {@code path} (a file or a directory) changes. */
  public static void watch(Path path) {
    watched.add(path.toAbsolutePath().normalize());
  }

  /** The directory {@code c} was loaded from, when it is one (a build's output, not a jar). */
  static Optional<Path> classDirectory(Class<?> c) {
    try {
      CodeSource source = c.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      Path path = Path.of(source.getLocation().toURI());
      return Files.isDirectory(path) ? Optional.of(path.toAbsolutePath().normalize()) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static void watchLoop() {
    try {
      Map<Path, Long> before = snapshot();
      while (true) {
        Thread.sleep(POLL_MILLIS);
        Map<Path, Long> now = snapshot();
        if (now.equals(before)) {
          continue;
        }
        Path changed = firstDifference(before, now);
        // a build writes many files: wait until they stop changing
        for (Map<Path, Long> settled = now; ; now = settled) {
          Thread.sleep(SETTLE_MILLIS);
          settled = snapshot();
          if (settled.equals(now)) {
            break;
          }
        }
        restart(changed);
        before = snapshot(); // as a supervisor: the child's build is the new baseline
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Every file under the watched paths and its modification time. */
  static Map<Path, Long> snapshot() {
    Map<Path, Long> out = new HashMap<>();
    for (Path root : watched) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(Files::isRegularFile).forEach(f -> {
          try {
            out.put(f, Files.getLastModifiedTime(f).toMillis());
          } catch (IOException gone) {
            // deleted while walking: the next poll sees it gone
          }
        });
      } catch (IOException | java.io.UncheckedIOException e) {
        log.debug("[Autoreload] cannot read {}: {}", root, e.toString());
      }
    }
    return out;
  }

  private static Path firstDifference(Map<Path, Long> before, Map<Path, Long> now) {
    for (Map.Entry<Path, Long> e : now.entrySet()) {
      if (!e.getValue().equals(before.get(e.getKey()))) {
        return e.getKey();
      }
    }
    return before.keySet().stream().filter(p -> !now.containsKey(p)).findFirst().orElse(null);
  }

  /** Stops the servers, then restarts: as a child, by asking the supervisor; else by becoming it. */
  private static void restart(Path changed) throws InterruptedException {
    log.info("[Autoreload] {} changed; restarting", changed);
    for (Runnable stop : beforeRestart) {
      try {
        stop.run();
      } catch (RuntimeException e) {
        log.warn("[Autoreload] stopping before the restart failed", e);
      }
    }
    if (System.getenv(CHILD) != null) {
      System.exit(RESTART);
    }
    supervise(command());
  }

  /** Runs {@code command} as a child until it ends without asking for a restart. */
  private static void supervise(List<String> command) throws InterruptedException {
    while (true) {
      Process child;
      try {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(CHILD, "1");
        child = builder.start();
      } catch (IOException e) {
        log.error("[Autoreload] cannot run {}", command, e);
        System.exit(1);
        return;
      }
      Process running = child;
      Thread reaper = new Thread(running::destroy);
      Runtime.getRuntime().addShutdownHook(reaper); // Ctrl-C on the supervisor ends the child too
      int code = child.waitFor();
      Runtime.getRuntime().removeShutdownHook(reaper);
      if (code == RESTART) {
        continue;
      }
      if (code == 0) {
        System.exit(0);
      }
      log.warn("[Autoreload] the program exited with {}; it runs again at the next change", code);
      Map<Path, Long> failed = snapshot();
      while (snapshot().equals(failed)) {
        Thread.sleep(POLL_MILLIS);
      }
      Thread.sleep(SETTLE_MILLIS);
    }
  }

  /** This process's command line: the java binary, the JVM's options, the class path, main and its arguments. */
  static List<String> command() {
    ProcessHandle.Info info = ProcessHandle.current().info();
    if (info.command().isPresent() && info.arguments().isPresent()) {
      List<String> out = new ArrayList<>();
      out.add(info.command().get());
      out.addAll(List.of(info.arguments().get()));
      return out;
    }
    List<String> out = new ArrayList<>();
    out.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    out.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    out.add("-cp");
    out.add(System.getProperty("java.class.path"));
    out.addAll(List.of(System.getProperty("sun.java.command").split(" ")));
    return out;
  }
}
