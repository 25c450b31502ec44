package dev.cyclone.httpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.testing.TestCertificate;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bad certificate or key fails when the options are built, with the rule, the file and the fix;
 * a good one, of either key type and either engine, builds a server context.
 */
class TlsOptionsTest {
  private static final TestCertificate EC = TestCertificate.create("localhost", "127.0.0.1");
  private static final TestCertificate OTHER = TestCertificate.create("other.test");
  private static final TestCertificate RSA = TestCertificate.createRsa("localhost", "127.0.0.1");

  @TempDir Path dir;

  private static IllegalArgumentException refused(HTTPServerOptions.Builder builder) {
    return assertThrows(IllegalArgumentException.class, builder::build);
  }

  private static void assertMessage(IllegalArgumentException e, String rule, Object... named) {
    String message = e.getMessage();
    assertTrue(message.startsWith("[" + rule + "] "), message);
    for (Object n : named) {
      assertTrue(message.contains(n.toString()), "should name " + n + ": " + message);
    }
  }

  @ParameterizedTest
  @EnumSource(TlsProvider.class)
  void aGoodPairBuildsAServerContextWithEitherEngine(TlsProvider provider) {
    for (TestCertificate cert : new TestCertificate[] {EC, RSA}) {
      HTTPServerOptions options =
          HTTPServerOptions.builder()
              .tls(cert.certificateFile(), cert.privateKeyFile())
              .tlsProvider(provider)
              .build();
      assertEquals(provider, options.tls().provider());
      assertTrue(options.tls().defaultContext().isServer());
      List<String> suites = options.tls().defaultContext().cipherSuites();
      assertTrue(suites.contains("TLS_AES_128_GCM_SHA256"), suites.toString());
      assertTrue(suites.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), suites.toString());
      for (String suite : suites) {
        assertTrue(
            suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_") || suite.startsWith("TLS_ECDHE_"),
            "only forward secrecy: " + suites);
        assertFalse(suite.contains("CBC"), "only AEAD ciphers: " + suites);
      }
      assertEquals(
          options.tls().provider(), options.toBuilder().build().tls().provider(), "toBuilder keeps it");
    }
  }

  @Test
  void withoutTlsThereIsNoneAndByDefaultOpenSslIsChosenWhereItLoads() {
    assertNull(HTTPServerOptions.defaults().tls());
    HTTPServerOptions options =
        HTTPServerOptions.builder().tls(EC.certificateFile(), EC.privateKeyFile()).build();
    assertEquals(
        OpenSsl.isAvailable() ? TlsProvider.OPENSSL : TlsProvider.JDK, options.tls().provider());
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.pem");
    assertMessage(
        refused(HTTPServerOptions.builder().tls(missing, EC.privateKeyFile())),
        "TlsFileMissing",
        "certificate chain",
        missing);
    assertMessage(
        refused(HTTPServerOptions.builder().tls(EC.certificateFile(), missing)),
        "TlsFileMissing",
        "private key",
        missing);
  }

  @Test
  void aFileThatIsNotPemIsRefused() throws Exception {
    Path der = dir.resolve("cert.der");
    Files.write(der, EC.certificate().getEncoded());
    assertMessage(
        refused(HTTPServerOptions.builder().tls(der, EC.privateKeyFile())),
        "TlsNotPem",
        "certificate",
        der,
        "openssl x509 -inform der");
    Path text = dir.resolve("key.txt");
    Files.writeString(text, "not a key", StandardCharsets.US_ASCII);
    assertMessage(
        refused(HTTPServerOptions.builder().tls(EC.certificateFile(), text)),
        "TlsNotPem",
        "private key",
        text);
    // The two files swapped: the key is not a certificate.
    assertMessage(
        refused(HTTPServerOptions.builder().tls(EC.privateKeyFile(), EC.certificateFile())),
        "TlsNotPem",
        EC.privateKeyFile());
  }

  @Test
  void aKeyThatDoesNotMatchTheCertificateIsRefused() {
    assertMessage(
        refused(HTTPServerOptions.builder().tls(EC.certificateFile(), OTHER.privateKeyFile())),
        "TlsKeyMismatch",
        OTHER.privateKeyFile(),
        EC.certificateFile(),
        "CN=localhost");
    assertMessage(
        refused(HTTPServerOptions.builder().tls(EC.certificateFile(), RSA.privateKeyFile())),
        "TlsKeyMismatch",
        RSA.privateKeyFile());
  }

  @Test
  void anEncryptedKeyNeedsItsPassword() {
    Path encrypted = EC.encryptedPrivateKeyFile("s3cret");
    assertMessage(
        refused(HTTPServerOptions.builder().tls(EC.certificateFile(), encrypted)),
        "TlsBadKey",
        encrypted,
        "pass its password");
    assertMessage(
        refused(HTTPServerOptions.builder().tls(EC.certificateFile(), encrypted, "wrong")),
        "TlsBadKey",
        encrypted,
        "password");
    assertTrue(
        HTTPServerOptions.builder()
            .tls(EC.certificateFile(), encrypted, "s3cret")
            .build()
            .tls()
            .defaultContext()
            .isServer());
  }

  @Test
  void sniNeedsADefaultAndServerContexts() throws Exception {
    assertMessage(
        refused(
            HTTPServerOptions.builder()
                .sni(Map.of("a.example.com", ServerCertificate.of(EC.certificateFile(), EC.privateKeyFile())))),
        "TlsSniWithoutDefault",
        "a.example.com");
    SslContext client = SslContextBuilder.forClient().build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HTTPServerOptions.builder().sslContext(client));
    assertMessage(e, "TlsClientContext", "forServer");
    // A bad file behind an SNI name is found at build time too.
    Path missing = dir.resolve("b.pem");
    assertMessage(
        refused(
            HTTPServerOptions.builder()
                .tls(EC.certificateFile(), EC.privateKeyFile())
                .sni(Map.of("b.example.com", ServerCertificate.of(missing, EC.privateKeyFile())))),
        "TlsFileMissing",
        missing);
  }
}
