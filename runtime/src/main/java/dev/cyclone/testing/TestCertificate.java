package dev.cyclone.testing;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate made at test time, written as PEM files for a server's {@code
 * tls(certChain, key)}, with client contexts that trust exactly it (the certificate Tornado ships
 * for its {@code AsyncHTTPSTestCase}, made fresh so that no key is ever committed):
 *
 * <pre>{@code
 * TestCertificate cert = TestCertificate.create("localhost", "127.0.0.1");
 * HTTPServerOptions options =
 *     HTTPServerOptions.builder().tls(cert.certificateFile(), cert.privateKeyFile()).build();
 * HTTPRequest request = HTTPRequest.builder(url).sslContext(cert.clientContext()).build();
 * }</pre>
 *
 * <p>It needs BouncyCastle ({@code org.bouncycastle:bcpkix-jdk18on}, test scope). The certificate
 * names each of {@code names} (DNS names or IP addresses) and is valid from a day ago for a year;
 * its files live in a temporary directory deleted when the JVM exits. Immutable and thread-safe.
 */
public final class TestCertificate {
  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final Path certificateFile;
  private final Path privateKeyFile;
  /** Made on first use; a context is immutable and thread-safe, so one serves every caller. */
  private volatile SslContext clientContext;

  private TestCertificate(X509Certificate certificate, PrivateKey privateKey, Path directory) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.certificateFile = write(directory.resolve("cert.pem"), pem("CERTIFICATE", encoded()));
    this.privateKeyFile =
        write(directory.resolve("key.pem"), pem("PRIVATE KEY", privateKey.getEncoded()));
  }

  /**
   * A certificate with an EC P-256 key for {@code names} (the first is also its subject's CN), for
   * example {@code "localhost", "127.0.0.1"}. Takes a few milliseconds once BouncyCastle is loaded.
   */
  public static TestCertificate create(String... names) {
    return create("EC", names);
  }

  /** As {@link #create(String...)}, with a 2048-bit RSA key (slower to make). */
  public static TestCertificate createRsa(String... names) {
    return create("RSA", names);
  }

  private static TestCertificate create(String keyAlgorithm, String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException(
          "[TestCertificateNames] a certificate needs at least one name; found none. Pass"
              + " \"localhost\", \"127.0.0.1\" or the host names the test uses.");
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
      if (keyAlgorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        generator.initialize(2048);
      }
      KeyPair keys = generator.generateKeyPair();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, names[0]).build();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(Duration.ofDays(365))),
              subject,
              keys.getPublic());
      List<GeneralName> sans = new ArrayList<>();
      for (String name : names) {
        sans.add(
            isIpLiteral(name)
                ? new GeneralName(GeneralName.iPAddress, name)
                : new GeneralName(GeneralName.dNSName, name));
      }
      builder.addExtension(
          Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
      // Its own trust anchor, as a certificate from `openssl req -x509` is: a CA, serving TLS.
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      String signature = keyAlgorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
      Path directory = Files.createTempDirectory("cyclone-test-certificate");
      directory.toFile().deleteOnExit();
      return new TestCertificate(certificate, keys.getPrivate(), directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot make a test certificate: " + e, e);
    }
  }

  /** The certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** Its private key. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The PEM file of the certificate (for {@code tls(...)}, curl's {@code --cacert}, Python). */
  public Path certificateFile() {
    return certificateFile;
  }

  /** The PEM file of the private key, unencrypted PKCS#8. */
  public Path privateKeyFile() {
    return privateKeyFile;
  }

  /**
   * Writes the private key again, as encrypted PKCS#8 (AES-256-CBC) under {@code password}, and
   * returns the new file (for {@code tls(cert, key, password)}).
   */
  public Path encryptedPrivateKeyFile(String password) {
    try {
      StringWriter text = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
        writer.writeObject(
            new JcaPKCS8Generator(
                privateKey,
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .setPassword(password.toCharArray())
                    .build()));
      }
      return write(privateKeyFile.resolveSibling("key-encrypted.pem"), text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException("cannot encrypt the test key: " + e, e);
    }
  }

  /**
   * A Netty client context that trusts this certificate only and checks the host name against
   * it: for Cyclone's {@code HTTPRequest.builder(url).sslContext(...)} and {@code WebSocketClient}.
   */
  public SslContext clientContext() {
    SslContext context = clientContext;
    if (context != null) {
      return context;
    }
    try {
      context =
          SslContextBuilder.forClient()
              .trustManager(certificate)
              .endpointIdentificationAlgorithm("HTTPS")
              .build();
      clientContext = context; // two threads may each build one: either is right
      return context;
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build a client context: " + e, e);
    }
  }

  /** A JDK {@link SSLContext} that trusts this certificate only (for {@code java.net.http}). */
  public SSLContext jdkClientContext() {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("cyclone-test", certificate);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a JDK client context: " + e, e);
    }
  }

  private byte[] encoded() {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isIpLiteral(String name) {
    return name.matches("[0-9.]+") || name.contains(":");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static Path write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "TestCertificate[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
