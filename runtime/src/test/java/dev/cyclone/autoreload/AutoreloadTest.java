package dev.cyclone.autoreload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Autoreload} in a JVM that runs tests: it stays off, since a restart would run the test
 * runner's command line, the whole suite, again. (Restarting an application is tested end to end
 * in the {@code tests} module's {@code AutoreloadTest} and the archetype's.)
 */
class AutoreloadTest {
  @Test
  void testRunnersAreKnownByTheirMainClassOrJar() {
    assertTrue(Autoreload.startedByTestRunner(
        "/work/runtime/target/surefire/surefirebooter-20261205194511215_3.jar /work/runtime/target/surefire"
            + " 2026-12-05T19-45-11_157-jvmRun1 surefire-20261205194511215_1tmp"));
    assertTrue(Autoreload.startedByTestRunner(
        "org.apache.maven.surefire.booter.ForkedBooter /work/runtime/target/surefire 2026-12-05T19-40-00_123-jvmRun1 surefire.tmp"));
    assertTrue(Autoreload.startedByTestRunner("worker.org.gradle.process.internal.worker.GradleWorkerMain 'Gradle Test Executor 1'"));
    assertTrue(Autoreload.startedByTestRunner("org.junit.platform.console.ConsoleLauncher --scan-classpath"));
    assertTrue(Autoreload.startedByTestRunner("com.intellij.rt.junit.JUnitStarter -ideVersion5 dev.example.AppTest"));

    assertFalse(Autoreload.startedByTestRunner("dev.example.App --debug"));
    assertFalse(Autoreload.startedByTestRunner("target/app.jar --port 8888"));
    // mvn exec:java runs the application inside Maven's own JVM: autoreload works there
    assertFalse(Autoreload.startedByTestRunner("org.codehaus.plexus.classworlds.launcher.Launcher compile exec:java"));
  }

  @Test
  void aTestFrameworkOnTheStackIsRecognised() {
    assertTrue(Autoreload.isTestFramework("org.junit.platform.launcher.core.DefaultLauncher"));
    assertTrue(Autoreload.isTestFramework("org.testng.TestRunner"));
    assertFalse(Autoreload.isTestFramework("org.junitx.Helper")); // a prefix, not a package
    assertFalse(Autoreload.isTestFramework("dev.example.App"));
  }

  @Test
  void inATestStartWatchesNothing() {
    String command = System.getProperty("sun.java.command", "");
    assertTrue(Autoreload.startedByTestRunner(command), "this test runs under a runner the list knows: " + command);
    Autoreload.start(List.of(AutoreloadTest.class), List.of(), () -> {
      throw new AssertionError("a restart was prepared in a test JVM");
    });
    assertFalse(Autoreload.watching(), "a watcher thread started in a test JVM");
  }
}
