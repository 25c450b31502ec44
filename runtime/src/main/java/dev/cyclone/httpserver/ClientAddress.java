package dev.cyclone.httpserver;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Set;

/**
 * Who sent a request and over which protocol: the socket's peer, or, with {@code xheaders}, what a
 * reverse proxy reported in {@code X-Real-IP}/{@code X-Forwarded-For} and {@code
 * X-Scheme}/{@code X-Forwarded-Proto} (Tornado's {@code _HTTPRequestContext}).
 */
record ClientAddress(String remoteIp, String protocol) {

  static ClientAddress of(
      SocketAddress peer, HttpHeaders headers, boolean xheaders, Set<String> trustedDownstream) {
    return of(peer, headers, xheaders, trustedDownstream, "http");
  }

  /**
   * As above, for a connection whose own protocol is {@code connectionProtocol} ({@code https} on
   * TLS): that is the request's protocol unless, with xheaders, the proxy's header says otherwise
   * (as Tornado: a TLS-terminating proxy may reach us over TLS for a client that came over http).
   */
  static ClientAddress of(
      SocketAddress peer,
      HttpHeaders headers,
      boolean xheaders,
      Set<String> trustedDownstream,
      String connectionProtocol) {
    String ip =
        peer instanceof InetSocketAddress
            ? ((InetSocketAddress) peer).getAddress().getHostAddress()
            : String.valueOf(peer);
    String protocol = connectionProtocol;
    if (!xheaders) {
      return new ClientAddress(ip, protocol);
    }
    String forwarded = headers.get("X-Forwarded-For");
    if (forwarded != null) {
      // The rightmost address that is not one of our own proxies is the client.
      String[] hops = forwarded.split(",");
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].trim();
        if (!hop.isEmpty() && !trustedDownstream.contains(hop)) {
          ip = hop;
          break;
        }
      }
    }
    String realIp = headers.get("X-Real-IP");
    if (realIp != null && !realIp.isBlank()) {
      ip = realIp.trim();
    }
    String scheme = headers.get("X-Scheme");
    if (scheme == null) {
      scheme = headers.get("X-Forwarded-Proto");
      if (scheme != null) {
        // A chain of proxies appends: the last one is the one that talked to us.
        scheme = scheme.substring(scheme.lastIndexOf(',') + 1);
      }
    }
    if (scheme != null) {
      scheme = scheme.trim().toLowerCase(Locale.ROOT);
      if (scheme.equals("http") || scheme.equals("https")) {
        protocol = scheme;
      }
    }
    return new ClientAddress(ip, protocol);
  }
}
