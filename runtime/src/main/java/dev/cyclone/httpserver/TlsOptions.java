package dev.cyclone.httpserver;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A server's TLS settings once checked (Tornado's {@code ssl_options}): the engine, the default
 * context and one per SNI host name. Built by {@link HTTPServerOptions.Builder#build()} from {@link
 * HTTPServerOptions.Builder#tls}, {@link HTTPServerOptions.Builder#sslContext}, {@link
 * HTTPServerOptions.Builder#sni} and {@link HTTPServerOptions.Builder#tlsProvider}; every file is
 * read and checked then, so a bad certificate fails there and not at the first handshake.
 * Immutable and thread-safe.
 */
public final class TlsOptions {
  /** The protocol versions offered: TLS 1.3 and 1.2 (1.0, 1.1 and SSL are off). */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /**
   * The cipher suites offered, most preferred first: TLS 1.3's three, and for TLS 1.2 only ECDHE
   * (forward secrecy) with an AEAD cipher, as Mozilla's "intermediate" server configuration
   * without its DHE suites. Netty's default list also has CBC suites and static RSA key exchange,
   * which a server facing the internet does not need. Suites an engine lacks are left out.
   */
  static final List<String> CIPHERS =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /**
   * ALPN: the server advertises {@code http/1.1} only, and a client that offers nothing it knows
   * goes on without ALPN (as HTTP/1.1). HTTP/2 goes here later: list {@link
   * ApplicationProtocolNames#HTTP_2} before {@code http/1.1}, and in {@link HTTPServerInitializer}
   * put an {@code ApplicationProtocolNegotiationHandler} after the TLS handler to build the HTTP/1
   * or the HTTP/2 pipeline by the protocol chosen.
   */
  static final ApplicationProtocolConfig ALPN =
      new ApplicationProtocolConfig(
          ApplicationProtocolConfig.Protocol.ALPN,
          ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
          ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
          ApplicationProtocolNames.HTTP_1_1);

  /** How long a client has to send its ClientHello when SNI is on (as SslHandler's handshake). */
  private static final long SNI_HELLO_TIMEOUT_MILLIS = 10_000;

  private final ServerCertificate defaultCertificate;
  private final Map<String, ServerCertificate> sni;
  private final TlsProvider asked;
  private final TlsProvider provider;
  private final SslContext defaultContext;
  private final Mapping<String, SslContext> sniMapping;

  private TlsOptions(
      ServerCertificate defaultCertificate, Map<String, ServerCertificate> sni, TlsProvider asked) {
    this.defaultCertificate = defaultCertificate;
    this.sni = sni;
    this.asked = asked;
    this.provider = TlsProviders.choose(asked);
    this.defaultContext = defaultCertificate.toContext(provider);
    if (sni.isEmpty()) {
      this.sniMapping = null;
    } else {
      DomainWildcardMappingBuilder<SslContext> mapping =
          new DomainWildcardMappingBuilder<>(sni.size(), defaultContext);
      for (Map.Entry<String, ServerCertificate> host : sni.entrySet()) {
        try {
          mapping.add(host.getKey(), host.getValue().toContext(provider));
        } catch (IllegalArgumentException e) {
          if (e.getMessage() != null && e.getMessage().startsWith("[")) {
            throw e;
          }
          throw new IllegalArgumentException(
              "[TlsSniHost] a host name for SNI is not a name or a wildcard (*.example.com);"
                  + " found '"
                  + host.getKey()
                  + "' ("
                  + e.getMessage()
                  + "). Use a DNS name, or '*.' and a domain.",
              e);
        }
      }
      this.sniMapping = mapping.build();
    }
  }

  /**
   * Checks and builds the settings, or returns null when no default certificate is set (TLS off).
   * Called by {@link HTTPServerOptions.Builder#build()}.
   */
  static TlsOptions of(
      ServerCertificate defaultCertificate, Map<String, ServerCertificate> sni, TlsProvider asked) {
    if (defaultCertificate == null) {
      if (!sni.isEmpty()) {
        throw new IllegalArgumentException(
            "[TlsSniWithoutDefault] sni(...) names certificates but no default one is set; found"
                + " hosts "
                + sni.keySet()
                + ". Add tls(certChain, key) or sslContext(...): it serves clients that send no"
                + " name, or one not listed.");
      }
      return null;
    }
    return new TlsOptions(defaultCertificate, sni, asked);
  }

  /** A host-name map for SNI, checked and lower-cased, keeping the caller's order. */
  static Map<String, ServerCertificate> sniMap(Map<String, ServerCertificate> hosts) {
    Map<String, ServerCertificate> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ServerCertificate> host : hosts.entrySet()) {
      String name = Objects.requireNonNull(host.getKey(), "SNI host name").trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException(
            "[TlsSniHost] an SNI host name is empty; found '' . Use a DNS name or *.domain.");
      }
      copy.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(host.getValue(), name));
    }
    return Collections.unmodifiableMap(copy);
  }

  /** The engine in use: the one asked for, or OpenSSL when it loads, else the JDK's. */
  public TlsProvider provider() {
    return provider;
  }

  /** The context for clients that send no SNI name or one not listed in {@link #sniHosts()}. */
  public SslContext defaultContext() {
    return defaultContext;
  }

  /** The host names (and wildcards) with a certificate of their own. */
  public Set<String> sniHosts() {
    return sni.keySet();
  }

  ServerCertificate defaultCertificate() {
    return defaultCertificate;
  }

  Map<String, ServerCertificate> sni() {
    return sni;
  }

  TlsProvider asked() {
    return asked;
  }

  /**
   * The first handler of a new connection, on its loop: an {@code SslHandler} of the default
   * context, or, with SNI, a {@link SniHandler} that replaces itself by the SslHandler of the host
   * name the client asks for.
   */
  ChannelHandler newHandler(ByteBufAllocator alloc) {
    if (sniMapping == null) {
      return defaultContext.newHandler(alloc);
    }
    return new SniHandler(sniMapping, SNI_HELLO_TIMEOUT_MILLIS);
  }
}
