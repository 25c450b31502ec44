package dev.cyclone.httpserver;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * What a TLS server presents for a host name: a PEM certificate chain and its private key, or a
 * Netty {@link SslContext} built elsewhere. The default one is set with {@link
 * HTTPServerOptions.Builder#tls(Path, Path)} or {@link HTTPServerOptions.Builder#sslContext}; one
 * per host name with {@link HTTPServerOptions.Builder#sni}. Immutable; the files are read and
 * checked when the options are built.
 */
public final class ServerCertificate {
  private final Path certChain;
  private final Path privateKey;
  private final String keyPassword;
  private final SslContext context;

  private ServerCertificate(Path certChain, Path privateKey, String keyPassword, SslContext context) {
    this.certChain = certChain;
    this.privateKey = privateKey;
    this.keyPassword = keyPassword;
    this.context = context;
  }

  /**
   * A PEM certificate chain (the server's certificate first, then its intermediates) and its PEM
   * private key (PKCS#8; PKCS#1 too when BouncyCastle is on the class path).
   */
  public static ServerCertificate of(Path certChainPem, Path privateKeyPem) {
    return of(certChainPem, privateKeyPem, null);
  }

  /** As {@link #of(Path, Path)}, for a key encrypted with {@code keyPassword}. */
  public static ServerCertificate of(Path certChainPem, Path privateKeyPem, String keyPassword) {
    return new ServerCertificate(
        Objects.requireNonNull(certChainPem, "certChainPem"),
        Objects.requireNonNull(privateKeyPem, "privateKeyPem"),
        keyPassword,
        null);
  }

  /**
   * A server context built by the caller, used as it is: its provider, protocols, ciphers and
   * ALPN are the caller's, and {@link HTTPServerOptions.Builder#tlsProvider} does not apply to it.
   */
  public static ServerCertificate of(SslContext serverContext) {
    Objects.requireNonNull(serverContext, "serverContext");
    if (!serverContext.isServer()) {
      throw new IllegalArgumentException(
          "[TlsClientContext] the SslContext is a client's; found "
              + serverContext
              + ". Build it with SslContextBuilder.forServer(...).");
    }
    return new ServerCertificate(null, null, null, serverContext);
  }

  /**
   * The server context: the caller's, or one built from the files with {@code provider}, TLS 1.3
   * and 1.2, forward-secret AEAD ciphers ({@link TlsOptions#CIPHERS}) and ALPN ({@link
   * TlsOptions#ALPN}). Called when the options
   * are built; a bad file is an {@link IllegalArgumentException}.
   */
  SslContext toContext(TlsProvider provider) {
    if (context != null) {
      return context;
    }
    X509Certificate[] chain = PemFiles.certificateChain(certChain);
    PrivateKey key = PemFiles.privateKey(privateKey, keyPassword);
    PemFiles.checkPair(key, chain[0], privateKey, certChain);
    try {
      return SslContextBuilder.forServer(key, chain)
          .sslProvider(TlsProviders.netty(provider))
          .protocols(TlsOptions.PROTOCOLS)
          .ciphers(TlsOptions.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
          .applicationProtocolConfig(TlsOptions.ALPN)
          .build();
    } catch (SSLException | RuntimeException e) {
      throw new IllegalArgumentException(
          "[TlsContext] no TLS context can be built from "
              + certChain
              + " and "
              + privateKey
              + " with "
              + provider
              + " ("
              + e
              + "). Check the key type is one TLS servers use (RSA, EC).",
          e);
    }
  }

  @Override
  public String toString() {
    return context != null
        ? "ServerCertificate[" + context + "]"
        : "ServerCertificate[" + certChain + ", " + privateKey + "]";
  }
}
