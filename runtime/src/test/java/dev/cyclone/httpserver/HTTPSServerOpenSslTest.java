package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.Test;

/** {@link HTTPSServerTest}'s tests on OpenSSL (BoringSSL through netty-tcnative). */
class HTTPSServerOpenSslTest extends HTTPSServerTest {
  @Override
  protected TlsProvider provider() {
    return TlsProvider.OPENSSL;
  }

  @Test
  void openSslLoadsOnThisMachine() {
    assertTrue(
        OpenSsl.isAvailable(),
        "netty-tcnative-boringssl-static should load on linux-x86_64: "
            + OpenSsl.unavailabilityCause());
  }
}
