package dev.cyclone.websocket;

import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.testsupport.LeakWatch;
import org.junit.jupiter.api.AfterAll;

/**
 * A WebSocket test on loopback: an {@link AsyncHTTPTestCase} whose class ends by asking Netty's
 * PARANOID leak detector whether any buffer leaked while it ran.
 */
abstract class WebSocketTestCase extends AsyncHTTPTestCase {
  /** Netty's PARANOID detector reported no leaked buffer while this class ran. */
  @AfterAll
  static void noBufferLeaks() {
    LeakWatch.assertNoBufferLeaks();
  }

  /** The {@code ws://} URL of {@code path} on the test server. */
  String ws(String path) {
    return getUrl(path).replaceFirst("^http", "ws");
  }
}
