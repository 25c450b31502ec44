package dev.cyclone.httpclient;

import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes and how it is secured: connections in the pool are shared only between
 * requests with equal keys. {@code tls} is null for plain HTTP.
 */
record HostKey(String host, int port, SslContext tls) {
  /** The key of a request's URL, with the TLS context chosen for it (null for http). */
  static HostKey of(URI uri, SslContext tls) {
    boolean https = uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
    int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HostKey(host.toLowerCase(Locale.ROOT), port, https ? tls : null);
  }

  boolean isTls() {
    return tls != null;
  }

  @Override
  public String toString() {
    return (tls != null ? "https://" : "http://") + host + ":" + port;
  }
}
