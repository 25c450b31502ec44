package dev.cyclone.httpserver;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the TLS engine for a server and says once, at INFO, which one runs. */
final class TlsProviders {
  private static final Logger log = LoggerFactory.getLogger(TlsProviders.class);
  private static final Set<TlsProvider> announced = ConcurrentHashMap.newKeySet();

  private TlsProviders() {}

  /**
   * The engine for {@code asked} (null: OpenSSL when it loads, else the JDK's), on the thread
   * building the options. Asking for OpenSSL where it does not load is an {@link
   * IllegalArgumentException} with the reason it does not.
   */
  static TlsProvider choose(TlsProvider asked) {
    TlsProvider chosen;
    if (asked == TlsProvider.OPENSSL && !OpenSsl.isAvailable()) {
      throw new IllegalArgumentException(
          "[TlsOpenSslUnavailable] tlsProvider(OPENSSL) was asked but netty-tcnative does not load"
              + " here; found: "
              + OpenSsl.unavailabilityCause()
              + ". Put io.netty:netty-tcnative-boringssl-static with this platform's classifier on"
              + " the class path, or leave tlsProvider unset to fall back to the JDK's engine.");
    }
    if (asked != null) {
      chosen = asked;
    } else {
      chosen = OpenSsl.isAvailable() ? TlsProvider.OPENSSL : TlsProvider.JDK;
    }
    if (announced.add(chosen)) {
      if (chosen == TlsProvider.OPENSSL) {
        log.info("TLS by OpenSSL ({}, through netty-tcnative)", OpenSsl.versionString());
      } else if (asked == TlsProvider.JDK) {
        log.info("TLS by the JDK's engine (asked for by tlsProvider(JDK))");
      } else {
        log.info(
            "TLS by the JDK's engine: OpenSSL does not load here ({})",
            String.valueOf(OpenSsl.unavailabilityCause()));
      }
    }
    return chosen;
  }

  /** Netty's name for {@code provider}. */
  static SslProvider netty(TlsProvider provider) {
    return provider == TlsProvider.OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK;
  }
}
