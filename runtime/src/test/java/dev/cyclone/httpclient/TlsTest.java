package dev.cyclone.httpclient;

import static dev.cyclone.httpclient.ClientFixture.failure;
import static dev.cyclone.httpclient.ClientFixture.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.locks.TestLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** https against a server with a self-signed certificate for localhost and 127.0.0.1. */
class TlsTest {
  private static final char[] PASSWORD = "cyclone".toCharArray();
  private static final KeyStore keys = loadKeys();
  private static final TestLoop t = new TestLoop("tls-test");
  private static final AsyncHTTPClient client = new AsyncHTTPClient();
  private static final TestServer server =
      new TestServer(serverContext())
          .route("/hello", (ctx, req, q) -> TestServer.respond(ctx, req, 200, "Hello TLS!"));

  @AfterAll
  static void closeAll() {
    client.close();
    server.close();
    t.close();
  }

  private static KeyStore loadKeys() {
    try (InputStream in = TlsTest.class.getResourceAsStream("test-server.p12")) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      return store;
    } catch (Exception e) {
      throw new AssertionError("cannot load the test certificate", e);
    }
  }

  private static SslContext serverContext() {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, PASSWORD);
      return SslContextBuilder.forServer(kmf).build();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A client context that trusts exactly the test certificate, and checks the host name. */
  private static SslContext trustingTestCertificate() throws Exception {
    return SslContextBuilder.forClient()
        .trustManager((X509Certificate) keys.getCertificate("test"))
        .endpointIdentificationAlgorithm("HTTPS")
        .build();
  }

  @Test
  void selfSignedCertificateIsRejectedByDefault() {
    HTTPConnectionError e =
        failure(t, HTTPConnectionError.class, () -> client.fetch(server.url("/hello")));
    assertTrue(ClientFixture.causedBy(e, SSLException.class), String.valueOf(e.getCause()));
  }

  @Test
  void validationCanBeTurnedOff() {
    HTTPResponse r =
        get(
            t,
            () ->
                client.fetch(HTTPRequest.builder(server.url("/hello")).validateCert(false).build()));
    assertEquals("Hello TLS!", r.bodyText());
  }

  @Test
  void aContextTrustingTheCertificateValidatesIt() throws Exception {
    SslContext trusting = trustingTestCertificate();
    String byName = "https://localhost:" + server.port() + "/hello";
    assertEquals(
        "Hello TLS!",
        get(t, () -> client.fetch(HTTPRequest.builder(byName).sslContext(trusting).build())).bodyText());
    assertEquals(
        "Hello TLS!",
        get(t, () -> client.fetch(HTTPRequest.builder(server.url("/hello")).sslContext(trusting).build()))
            .bodyText());
  }

  @Test
  void hostNameMustMatchTheCertificate() throws Exception {
    SslContext trusting = trustingTestCertificate();
    // The certificate names localhost and 127.0.0.1, not 127.0.0.2 (also loopback on Linux).
    String otherName = "https://127.0.0.2:" + server.port() + "/hello";
    failure(
        t,
        HTTPConnectionError.class,
        () -> client.fetch(HTTPRequest.builder(otherName).sslContext(trusting).build()));
  }

  @Test
  void insecureConnectionsAreNotReusedForValidatingRequests() {
    get(t, () -> client.fetch(HTTPRequest.builder(server.url("/hello")).validateCert(false).build()));
    failure(t, HTTPConnectionError.class, () -> client.fetch(server.url("/hello")));
  }
}
