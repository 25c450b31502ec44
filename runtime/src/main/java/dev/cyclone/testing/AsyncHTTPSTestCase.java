package dev.cyclone.testing;

import dev.cyclone.httpserver.HTTPServerOptions;
import io.netty.handler.ssl.SslContext;
import java.net.http.HttpClient;

/**
 * {@link AsyncHTTPTestCase} over HTTPS (Tornado's {@code tornado.testing.AsyncHTTPSTestCase}): the
 * server listens with a {@link TestCertificate} made at test time for {@code localhost} and {@code
 * 127.0.0.1}, {@link #getUrl} answers {@code https://127.0.0.1:PORT/...}, and {@link #fetch}
 * trusts that certificate (and checks the host name against it, as a browser would):
 *
 * <pre>{@code
 * class SecureTest extends AsyncHTTPSTestCase {
 *   @Override
 *   protected Application getApp() {
 *     return new Application(List.of(url("/", MainHandler.class)));
 *   }
 *
 *   @Test
 *   void servesOverTls() {
 *     assertEquals(200, fetch("/").statusCode());
 *   }
 * }
 * }</pre>
 *
 * <p>Cyclone's own clients trust it through {@link #clientSslContext()}: {@code
 * HTTPRequest.builder(getUrl("/")).sslContext(clientSslContext())}, and the same request for a
 * {@code wss://} {@code WebSocketClient}. It needs BouncyCastle ({@code
 * org.bouncycastle:bcpkix-jdk18on}) in test scope. One certificate serves every test of the JVM
 * (made once, in a few milliseconds); override {@link #getCertificate()} for another.
 */
public abstract class AsyncHTTPSTestCase extends AsyncHTTPTestCase {

  /** The certificate made once for every test of the JVM. */
  private static final class Shared {
    static final TestCertificate CERTIFICATE = TestCertificate.create("localhost", "127.0.0.1");
  }

  /**
   * The certificate the server presents, called before each test: by default one made for {@code
   * localhost} and {@code 127.0.0.1}, shared by every test of the JVM.
   */
  protected TestCertificate getCertificate() {
    return Shared.CERTIFICATE;
  }

  /**
   * The options of {@link AsyncHTTPTestCase#getHTTPServerOptions()} with TLS on, serving {@link
   * #getCertificate()}; override {@link #getHTTPServerOptions()} and call this one to change more.
   */
  @Override
  protected HTTPServerOptions getHTTPServerOptions() {
    TestCertificate certificate = getCertificate();
    return super.getHTTPServerOptions().toBuilder()
        .tls(certificate.certificateFile(), certificate.privateKeyFile())
        .build();
  }

  /** {@code https}. */
  @Override
  protected String getProtocol() {
    return "https";
  }

  /** The JDK client of {@link #fetch}, trusting {@link #getCertificate()} only. */
  @Override
  protected HttpClient.Builder httpClientBuilder() {
    return super.httpClientBuilder().sslContext(getCertificate().jdkClientContext());
  }

  /**
   * A Netty client context trusting {@link #getCertificate()} only, for Cyclone's {@code
   * AsyncHTTPClient} and {@code WebSocketClient} ({@code HTTPRequest.Builder.sslContext}).
   */
  protected final SslContext clientSslContext() {
    return getCertificate().clientContext();
  }
}
