package dev.cyclone.httpclient;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The client TLS contexts shared by all fetches (and WebSocket connections): one that checks
 * certificates, one that does not.
 */
public final class TlsContexts {
  private static volatile SslContext validating;
  private static volatile SslContext insecure;

  private TlsContexts() {}

  /** The context for {@code request}: its own, or a shared one per its {@code validateCert}. */
  public static SslContext forRequest(HTTPRequest request) throws SSLException {
    if (request.sslContext() != null) {
      return request.sslContext();
    }
    return request.validateCert() ? validating() : insecure();
  }

  /** Checks the chain against the JDK's trusted CAs and the host name against the certificate. */
  private static SslContext validating() throws SSLException {
    SslContext context = validating;
    if (context == null) {
      synchronized (TlsContexts.class) {
        if (validating == null) {
          validating = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        }
        context = validating;
      }
    }
    return context;
  }

  /** Accepts any certificate: for tests against self-signed servers only. */
  private static SslContext insecure() throws SSLException {
    SslContext context = insecure;
    if (context == null) {
      synchronized (TlsContexts.class) {
        if (insecure == null) {
          insecure =
              SslContextBuilder.forClient()
                  .trustManager(InsecureTrustManagerFactory.INSTANCE)
                  .endpointIdentificationAlgorithm(null)
                  .build();
        }
        context = insecure;
      }
    }
    return context;
  }
}
