package dev.cyclone.httpserver;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * Reads a server's PEM certificate chain and private key, and checks them before any client comes:
 * a missing file, a file that is not PEM, a key that cannot be read or that does not belong to the
 * certificate is an {@link IllegalArgumentException} naming the rule, the file and the fix. Called
 * on the thread that builds the {@link HTTPServerOptions}.
 */
final class PemFiles {
  private PemFiles() {}

  /** The certificates of {@code file}, the server's own first. */
  static X509Certificate[] certificateChain(Path file) {
    String text = readable(file, "certificate chain");
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(
          "[TlsNotPem] the certificate chain file holds no PEM certificate (no '-----BEGIN"
              + " CERTIFICATE-----' line); found "
              + file
              + ". Pass a PEM file: the server's certificate, then its intermediates (a DER file"
              + " converts with 'openssl x509 -inform der -in cert.der -out cert.pem').");
    }
    try {
      X509Certificate[] chain = NettyPem.certificates(file);
      if (chain.length == 0) {
        throw new IllegalArgumentException(
            "[TlsNotPem] the certificate chain file holds no certificate; found " + file + ".");
      }
      return chain;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "[TlsBadCertificate] the certificate chain file cannot be parsed ("
              + e.getMessage()
              + "); found "
              + file
              + ". Check it with 'openssl x509 -in "
              + file
              + " -noout -text'.",
          e);
    }
  }

  /** The private key of {@code file}, decrypted with {@code password} (null: not encrypted). */
  static PrivateKey privateKey(Path file, String password) {
    String text = readable(file, "private key");
    if (!text.matches("(?s).*-----BEGIN [A-Z ]*PRIVATE KEY-----.*")) {
      throw new IllegalArgumentException(
          "[TlsNotPem] the private key file holds no PEM private key (no '-----BEGIN ... PRIVATE"
              + " KEY-----' line); found "
              + file
              + ". Pass the PEM key the certificate was issued for (a DER key converts with"
              + " 'openssl pkcs8 -topk8 -nocrypt -inform der -in key.der -out key.pem').");
    }
    try {
      return NettyPem.key(file, password);
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      String hint =
          text.contains("ENCRYPTED") && password == null
              ? "It is encrypted: pass its password, tls(cert, key, password)."
              : text.contains("ENCRYPTED")
                  ? "Check the password."
                  : "Write it as PKCS#8: 'openssl pkcs8 -topk8 -nocrypt -in "
                      + file
                      + " -out key.pem'.";
      throw new IllegalArgumentException(
          "[TlsBadKey] the private key cannot be read (" + e + "); found " + file + ". " + hint, e);
    }
  }

  /**
   * Checks that {@code key} is the private half of the public key in {@code certificate}, by
   * signing a few bytes with it and verifying them with the certificate (any key type the JDK
   * signs with).
   */
  static void checkPair(PrivateKey key, X509Certificate certificate, Path keyFile, Path certFile) {
    PublicKey publicKey = certificate.getPublicKey();
    boolean matches;
    String algorithm = signatureAlgorithm(publicKey.getAlgorithm());
    if (algorithm == null) {
      matches = true; // a key type this check does not know: the handshake will tell
    } else {
      try {
        byte[] probe = "cyclone key check".getBytes(StandardCharsets.US_ASCII);
        // Read again by the JDK as a key of the certificate's type (a key parsed by BouncyCastle
        // names its type differently, and one of another type does not read at all).
        PrivateKey jdkKey =
            KeyFactory.getInstance(publicKey.getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(jdkKey);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        matches = verifier.verify(signature);
      } catch (GeneralSecurityException e) {
        matches = false; // a key of another type than the certificate's cannot sign for it
      }
    }
    if (!matches) {
      throw new IllegalArgumentException(
          "[TlsKeyMismatch] the private key does not match the certificate; found key "
              + keyFile
              + " ("
              + key.getAlgorithm()
              + ") for certificate "
              + certFile
              + " ("
              + certificate.getSubjectX500Principal().getName()
              + ", "
              + publicKey.getAlgorithm()
              + "). Pass the key the certificate was issued for, and the certificate first in"
              + " its chain file.");
    }
  }

  /** A signature algorithm for a certificate's public key type, or null for a type not checked. */
  private static String signatureAlgorithm(String keyAlgorithm) {
    switch (keyAlgorithm) {
      case "RSA":
        return "SHA256withRSA";
      case "EC":
        return "SHA256withECDSA";
      case "DSA":
        return "SHA256withDSA";
      case "Ed25519":
      case "Ed448":
      case "EdDSA":
        return keyAlgorithm;
      default:
        return null;
    }
  }

  /** The text of {@code file}, or the rule it breaks when it is missing or unreadable. */
  private static String readable(Path file, String what) {
    if (file == null) {
      throw new IllegalArgumentException("[TlsFile] the " + what + " file is null; pass a path.");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "[TlsFileMissing] the "
              + what
              + " file does not exist or is not a file; found "
              + file.toAbsolutePath()
              + ". Pass the path of the PEM file (relative paths are from "
              + Path.of("").toAbsolutePath()
              + ").");
    }
    try {
      // ISO-8859-1 maps every byte: a binary (DER) file reads too, and fails the PEM check.
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "[TlsFileUnreadable] the "
              + what
              + " file cannot be read ("
              + e
              + "); found "
              + file.toAbsolutePath()
              + ". Let the server's user read it.",
          e);
    }
  }

  /**
   * Netty's own PEM readers (PKCS#8, encrypted PKCS#8, and PKCS#1/SEC1 keys when BouncyCastle is
   * on the class path), reached through {@link SslContext}'s protected helpers. Never
   * instantiated.
   */
  private abstract static class NettyPem extends SslContext {
    static X509Certificate[] certificates(Path file) throws GeneralSecurityException {
      return toX509Certificates(file.toFile());
    }

    static PrivateKey key(Path file, String password) throws GeneralSecurityException, IOException {
      return toPrivateKey(file.toFile(), password);
    }
  }
}
