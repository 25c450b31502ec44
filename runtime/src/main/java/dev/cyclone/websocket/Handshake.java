package dev.cyclone.websocket;

import dev.cyclone.httpserver.HttpDates;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The opening handshake of RFC 6455 §4, both sides: the key and its accept value, the header
 * checks, the permessage-deflate negotiation, and the pipeline a socket runs on afterwards.
 */
final class Handshake {
  /** RFC 6455 §1.3: appended to the client's key before hashing. */
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private Handshake() {}

  /** {@code Sec-WebSocket-Accept} for {@code key}: base64(SHA-1(key + GUID)). */
  static String acceptFor(String key) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      byte[] digest = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }

  /** A fresh client key: 16 random bytes, base64. */
  static String newKey() {
    byte[] nonce = new byte[16];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /** True for a key that decodes to 16 bytes (§4.2.1, item 5). */
  static boolean validKey(String key) {
    if (key == null) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key.trim()).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** True when one of the {@code Connection} header values lists the token {@code upgrade}. */
  static boolean connectionUpgrade(List<String> values) {
    for (String token : tokens(values)) {
      if (token.equalsIgnoreCase("upgrade")) {
        return true;
      }
    }
    return false;
  }

  /** The comma-separated tokens of every value of a header, trimmed, empty ones dropped. */
  static List<String> tokens(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String value : values) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  /** The extension header value for {@code data}: {@code name; param=value; flag}. */
  static String extensionHeader(WebSocketExtensionData data) {
    StringBuilder out = new StringBuilder(data.name());
    for (Map.Entry<String, String> p : data.parameters().entrySet()) {
      out.append("; ").append(p.getKey());
      if (p.getValue() != null) {
        out.append('=').append(p.getValue());
      }
    }
    return out.toString();
  }

  /**
   * The frame handlers of a socket, in pipeline order, ending with {@code protocol}: the encoder
   * (masking what a client sends), the decoder (masked frames expected from a client, not from a
   * server), and the extension's codec if one was agreed.
   */
  static ChannelHandler[] pipeline(
      boolean client, WebSocketExtension extension, int maxMessageSize, ChannelHandler protocol) {
    WebSocketDecoderConfig config =
        WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(!client)
            .allowMaskMismatch(false)
            .allowExtensions(extension != null)
            .maxFramePayloadLength(maxMessageSize)
            .closeOnProtocolViolation(true)
            .withUTF8Validator(false) // whole messages are checked, answering 1007
            .build();
    List<ChannelHandler> handlers = new ArrayList<>(5);
    // The encoder sits before the decoder, so that the close frame the decoder sends on a protocol
    // violation is encoded too.
    handlers.add(new WebSocket13FrameEncoder(client));
    handlers.add(new WebSocket13FrameDecoder(config));
    if (extension != null) {
      handlers.add(extension.newExtensionDecoder());
      handlers.add(extension.newExtensionEncoder());
    }
    handlers.add(protocol);
    return handlers.toArray(new ChannelHandler[0]);
  }

  /**
   * The most one compressed frame may inflate to in permessage-deflate's decoder, which is not the
   * message limit itself: each time Netty's inflater has produced output it wants room for
   * max(512, twice the compressed input left) more, and fails when its buffer cannot grow that
   * far, so at the limit it would refuse messages well under {@code maxMessageSize}. A frame
   * carries at most {@code maxMessageSize} compressed bytes (the frame decoder's limit), so this
   * leaves room for any message up to the limit; {@link WebSocketProtocol} then enforces the exact
   * limit (1009) on the inflated message, and a frame that inflates past this bound also closes
   * with 1009.
   */
  static int inflateLimit(int maxMessageSize) {
    long limit = (long) maxMessageSize + Math.max(512L, 2L * maxMessageSize);
    return (int) Math.min(limit, Integer.MAX_VALUE);
  }

  /**
   * {@code offer} as if the client had asked for server_no_context_takeover too, when the
   * options say to compress each message on its own: Netty's handshaker only grants it on request,
   * while RFC 7692 §7.1.1.1 lets a server declare it in any answer.
   */
  private static WebSocketExtensionData withoutServerContext(
      WebSocketExtensionData offer, CompressionOptions compression) {
    if (!compression.noContextTakeover()) {
      return offer;
    }
    Map<String, String> parameters = new java.util.LinkedHashMap<>(offer.parameters());
    parameters.putIfAbsent("server_no_context_takeover", null);
    return new WebSocketExtensionData(offer.name(), parameters);
  }

  /**
   * True for a header the 101 says by itself, whatever the handler set: the connection's and
   * WebSocket's. (The handler's {@code Content-*} headers never reach here: {@code
   * upgradeHeaders()} leaves them out.)
   */
  private static boolean decidedByTheHandshake(String name) {
    return name.equalsIgnoreCase("Upgrade")
        || name.equalsIgnoreCase("Connection")
        || name.equalsIgnoreCase("Transfer-Encoding")
        || name.regionMatches(true, 0, "Sec-WebSocket-", 0, 14);
  }

  /** What the server agreed to: how to answer the upgrade, and the extension chosen. */
  static final class Accepted {
    private final String response;
    private final WebSocketServerExtension extension;
    private final int maxMessageSize;

    private Accepted(String response, WebSocketServerExtension extension, int maxMessageSize) {
      this.response = response;
      this.extension = extension;
      this.maxMessageSize = maxMessageSize;
    }

    /** The handlers that replace HTTP on the connection. */
    ChannelHandler[] pipeline(ChannelHandler protocol) {
      return Handshake.pipeline(false, extension, maxMessageSize, protocol);
    }

    /** The 101 response, as bytes. */
    ByteBuf response(ByteBufAllocator alloc) {
      byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1); // as the server writes headers
      return alloc.buffer(bytes.length).writeBytes(bytes);
    }

    /** True when an extension (permessage-deflate) transforms this connection's frames. */
    boolean hasExtension() {
      return extension != null;
    }

    /** The agreed {@code Sec-WebSocket-Extensions}, or null. */
    String extensionHeader() {
      return extension == null ? null : Handshake.extensionHeader(extension.newReponseData());
    }
  }

  /**
   * The server's answer to a checked upgrade request: the accept value, the subprotocol, and
   * permessage-deflate when {@code compression} is set and the client offered it (the first offer
   * that can be met; decompressed messages are bounded by {@code maxMessageSize}). The 101 also
   * carries {@code handlerHeaders}, what the handler set before the upgrade (its cookies among
   * them), except the headers the handshake itself decides, and a {@code Date} unless they have
   * one.
   */
  static Accepted accept(
      String key,
      String subprotocol,
      CompressionOptions compression,
      List<String> extensionHeaders,
      int maxMessageSize,
      List<Map.Entry<String, String>> handlerHeaders) {
    WebSocketServerExtension extension = null;
    if (compression != null && !extensionHeaders.isEmpty()) {
      PerMessageDeflateServerExtensionHandshaker deflate =
          new PerMessageDeflateServerExtensionHandshaker(
              compression.compressionLevel(),
              true,
              compression.windowBits(),
              true,
              compression.noContextTakeover(),
              inflateLimit(maxMessageSize));
      for (WebSocketExtensionData offer :
          WebSocketExtensionUtil.extractExtensions(String.join(",", extensionHeaders))) {
        extension = deflate.handshakeExtension(withoutServerContext(offer, compression));
        if (extension != null) {
          break;
        }
      }
    }
    StringBuilder response =
        new StringBuilder(200)
            .append("HTTP/1.1 101 Switching Protocols\r\n")
            .append("Upgrade: websocket\r\n")
            .append("Connection: Upgrade\r\n")
            .append("Sec-WebSocket-Accept: ").append(acceptFor(key)).append("\r\n");
    if (subprotocol != null) {
      response.append("Sec-WebSocket-Protocol: ").append(subprotocol).append("\r\n");
    }
    if (extension != null) {
      response.append("Sec-WebSocket-Extensions: ")
          .append(extensionHeader(extension.newReponseData()))
          .append("\r\n");
    }
    boolean dated = false;
    for (Map.Entry<String, String> h : handlerHeaders) {
      String name = h.getKey();
      if (!decidedByTheHandshake(name)) {
        // names and values passed the handler's header checks (no CR or LF) when they were set
        response.append(name).append(": ").append(h.getValue()).append("\r\n");
        dated |= name.equalsIgnoreCase("Date");
      }
    }
    if (!dated) {
      response.append("Date: ").append(HttpDates.now()).append("\r\n");
    }
    response.append("\r\n");
    return new Accepted(response.toString(), extension, maxMessageSize);
  }
}
