package dev.cyclone.httpserver;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cyclone.testing.TestCertificate;
import dev.cyclone.testsupport.TestPeers;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SNI: the server presents the certificate of the host name the client asks for, a wildcard's for
 * any name under it, and the default one for no name or another; with either engine. The served
 * certificate is read by the client: its subject from a JDK socket, and curl validating it.
 */
class HTTPSSniTest {
  private static final TestCertificate DEFAULT = TestCertificate.create("default.test", "127.0.0.1");
  private static final TestCertificate API = TestCertificate.create("api.example.com");
  private static final TestCertificate WILD = TestCertificate.create("*.wild.example.com");
  private static final TestCertificate BY_CONTEXT = TestCertificate.createRsa("ctx.example.com");

  public static class HostHandler extends RequestHandler {
    public void get() {
      write("host " + request().host());
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void eachNameGetsItsCertificate(TlsProvider provider) throws Exception {
    HTTPServerOptions options =
        HTTPServerOptions.builder()
            .threads(1)
            .tlsProvider(provider)
            .tls(DEFAULT.certificateFile(), DEFAULT.privateKeyFile())
            .sni(
                Map.of(
                    "api.example.com",
                    ServerCertificate.of(API.certificateFile(), API.privateKeyFile()),
                    "*.wild.example.com",
                    ServerCertificate.of(WILD.certificateFile(), WILD.privateKeyFile()),
                    "ctx.example.com",
                    ServerCertificate.of(
                        io.netty.handler.ssl.SslContextBuilder.forServer(
                                BY_CONTEXT.privateKey(), BY_CONTEXT.certificate())
                            .build())))
            .build();
    HTTPServer server = new HTTPServer(new Application(List.of(url("/", HostHandler.class))), options);
    try {
      int port = server.listen(0, "127.0.0.1");
      assertEquals("CN=api.example.com", servedSubject(port, "api.example.com"));
      assertEquals("CN=api.example.com", servedSubject(port, "API.Example.COM"));
      assertEquals("CN=*.wild.example.com", servedSubject(port, "x.wild.example.com"));
      assertEquals("CN=ctx.example.com", servedSubject(port, "ctx.example.com"));
      assertEquals("CN=default.test", servedSubject(port, "other.example.com"));
      assertEquals("CN=default.test", servedSubject(port, null));
      // curl checks the chain and the name against the one certificate it trusts.
      for (Object[] host : new Object[][] {{"api.example.com", API}, {"a.wild.example.com", WILD}}) {
        String name = (String) host[0];
        String body =
            Processes.run(
                Processes.command(
                    TestPeers.curl(),
                    "-sS",
                    "--resolve",
                    name + ":" + port + ":127.0.0.1",
                    "--cacert",
                    ((TestCertificate) host[1]).certificateFile().toString(),
                    "https://" + name + ":" + port + "/"));
        assertEquals("host " + name + ":" + port, body);
      }
    } finally {
      server.stop();
    }
  }

  /** The subject of the certificate the server presents to a client asking for {@code name}. */
  private static String servedSubject(int port, String name) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new AcceptAll()}, null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(name == null ? List.of() : List.of(new SNIHostName(name)));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      return served.getSubjectX500Principal().getName();
    }
  }

  /** Takes any certificate: this client only looks at which one it was given. */
  private static final class AcceptAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
