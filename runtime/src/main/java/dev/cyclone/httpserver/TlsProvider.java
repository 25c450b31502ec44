package dev.cyclone.httpserver;

/**
 * Which TLS engine a server's connections use ({@link HTTPServerOptions.Builder#tlsProvider}). By
 * default Cyclone takes {@link #OPENSSL} when netty-tcnative loads on this machine and {@link #JDK}
 * otherwise, and logs its choice once at INFO.
 */
public enum TlsProvider {
  /** The JDK's own {@code SSLEngine}: always there, slower per handshake and per byte. */
  JDK,
  /** BoringSSL through netty-tcnative ({@code netty-tcnative-boringssl-static}). */
  OPENSSL
}
