package dev.cyclone.testsupport;

import dev.cyclone.ioloop.Transport;
import dev.cyclone.ioloop.Transports;
import java.util.Locale;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs a test JVM on the transport {@code -Dcyclone.test.transport} names, when it loads here, so
 * that the {@code io_uring-too} execution of {@code runtime/pom.xml} runs the server and client
 * tests on io_uring where the kernel allows it and on the default transport (again) where it does
 * not, instead of failing. Registered with JUnit's launcher through {@code META-INF/services}; it
 * runs before the first test class is loaded, so before any loop is made.
 */
public final class TestTransport implements LauncherSessionListener {
  static final String PROPERTY = "cyclone.test.transport";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String wanted = System.getProperty(PROPERTY);
    if (wanted == null || System.getProperty(Transports.PROPERTY) != null) {
      return;
    }
    Transport transport = Transport.valueOf(wanted.trim().toUpperCase(Locale.ROOT));
    if (transport.isAvailable()) {
      System.setProperty(Transports.PROPERTY, transport.propertyValue());
    } else {
      System.err.println("[TestTransport] " + transport + " does not load here ("
          + transport.unavailabilityCause() + "); these tests run on the default transport");
    }
  }
}
