package dev.cyclone.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResponseHeaderListTest {
  @Test
  void namesMatchWhateverTheirCaseAndKeepTheirFirstSpelling() {
    HttpHeaders h = new ResponseHeaderList();
    h.set(AsciiString.of("Content-Type"), "text/plain");
    assertEquals("text/plain", h.get("content-type"));
    assertEquals("text/plain", h.get(AsciiString.of("CONTENT-TYPE")));
    assertTrue(h.contains("CoNtEnT-TyPe"));
    h.set("content-type", "text/html");
    assertEquals(Set.of("Content-Type"), h.names());
    assertEquals("text/html", h.get("Content-Type"));
    assertNull(h.get("Content-Length"));
    assertFalse(h.contains("Content"));
  }

  @Test
  void setReplacesEveryValueInThePlaceOfTheFirst() {
    HttpHeaders h = new ResponseHeaderList();
    h.add("A", "1").add("X-Multi", "a").add("B", "2").add("x-multi", "b");
    assertEquals(List.of("a", "b"), h.getAll("X-MULTI"));
    h.set("X-Multi", "c");
    assertEquals(List.of("A: 1", "X-Multi: c", "B: 2"), lines(h));
    h.remove("a");
    assertEquals(List.of("X-Multi: c", "B: 2"), lines(h));
    h.set("X-Multi", List.of("d", "e"));
    assertEquals(List.of("B: 2", "X-Multi: d", "X-Multi: e"), lines(h));
    assertTrue(h.contains("x-multi", "E", true));
    assertFalse(h.contains("x-multi", "E", false));
    assertEquals(3, h.size());
    h.clear();
    assertTrue(h.isEmpty());
    assertEquals(List.of(), lines(h));
  }

  @Test
  void itGrowsPastItsFirstEightLines() {
    HttpHeaders h = new ResponseHeaderList();
    for (int i = 0; i < 20; i++) {
      h.add("X-" + i, i);
    }
    assertEquals(20, h.size());
    assertEquals("19", h.get("x-19"));
    assertEquals(19, h.getInt("X-19"));
    assertEquals(7, h.getInt("X-none", 7));
    assertEquals((short) 3, h.getShort("X-3"));
  }

  @Test
  void valuesAreConvertedAsNettyConvertsThem() {
    HttpHeaders h = new ResponseHeaderList();
    h.set("Expires", new Date(0));
    h.setInt("Content-Length", 42);
    assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", h.get("Expires"));
    assertEquals(0L, h.getTimeMillis("Expires"));
    assertEquals("42", h.get("Content-Length"));
    assertThrows(NullPointerException.class, () -> h.set("X-Null", (Object) null));
    Iterator<Map.Entry<String, String>> strings = h.iteratorAsString();
    assertEquals("Expires", strings.next().getKey());
  }

  @Test
  void nettysEncoderWritesTheLinesInOrder() {
    HttpHeaders h = new ResponseHeaderList();
    h.set(AsciiString.of("Server"), AsciiString.of("Cyclone"));
    h.set("Content-Type", "text/plain");
    h.set("Content-Length", "2");
    EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
    channel.writeOutbound(
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.OK,
            Unpooled.copiedBuffer("hi", StandardCharsets.US_ASCII),
            h,
            EmptyHttpHeaders.INSTANCE));
    StringBuilder wire = new StringBuilder();
    for (ByteBuf out; (out = channel.readOutbound()) != null; out.release()) {
      wire.append(out.toString(StandardCharsets.US_ASCII));
    }
    assertEquals(
        "HTTP/1.1 200 OK\r\nServer: Cyclone\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi",
        wire.toString());
    assertFalse(channel.finish());
  }

  @Test
  void textIsSentAsLatin1BytesAndWhatHasNoByteAsAQuestionMark() {
    HttpHeaders h = new ResponseHeaderList();
    h.set("X-Text", "café €");
    h.set("Content-Length", 0);
    EmbeddedChannel channel = new EmbeddedChannel(new HttpResponseEncoder());
    channel.writeOutbound(
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER, h, EmptyHttpHeaders.INSTANCE));
    StringBuilder wire = new StringBuilder();
    for (ByteBuf out; (out = channel.readOutbound()) != null; out.release()) {
      wire.append(out.toString(StandardCharsets.ISO_8859_1));
    }
    assertTrue(wire.toString().contains("\r\nX-Text: café ?\r\n"), wire.toString());
    assertEquals("café €", h.get("x-text"), "kept as set; only the wire has no byte for €");
    assertFalse(channel.finish());
  }

  private static List<String> lines(HttpHeaders h) {
    List<String> lines = new ArrayList<>();
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence(); it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> e = it.next();
      lines.add(e.getKey() + ": " + e.getValue());
    }
    return lines;
  }
}
