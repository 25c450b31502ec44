package dev.cyclone.httpserver;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arguments and files of a form body (Tornado's {@code httputil.parse_body_arguments}):
 * {@code application/x-www-form-urlencoded} and {@code multipart/form-data}. A body that does not
 * parse is logged and yields no arguments, as in Tornado.
 */
record FormBody(Map<String, List<String>> arguments, Map<String, List<HTTPFile>> files) {
  private static final Logger log = LoggerFactory.getLogger(FormBody.class);
  private static final FormBody EMPTY = new FormBody(Map.of(), Map.of());

  static FormBody parse(String contentType, byte[] body) {
    if (contentType == null || body.length == 0) {
      return EMPTY;
    }
    String type = contentType.toLowerCase(Locale.ROOT);
    try {
      if (type.startsWith("application/x-www-form-urlencoded")) {
        String text = new String(body, StandardCharsets.UTF_8);
        return new FormBody(
            Collections.unmodifiableMap(
                new QueryStringDecoder(text, StandardCharsets.UTF_8, false).parameters()),
            Map.of());
      }
      if (type.startsWith("multipart/form-data")) {
        return parseMultipart(contentType, body);
      }
    } catch (RuntimeException | IOException e) {
      log.warn("Invalid {} body: {}", contentType, e.toString());
    }
    return EMPTY;
  }

  private static FormBody parseMultipart(String contentType, byte[] body) throws IOException {
    DefaultFullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.POST, "/", Unpooled.wrappedBuffer(body));
    request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    // Memory only: the whole body is already in memory, bounded by maxBodySize.
    HttpPostRequestDecoder decoder =
        new HttpPostRequestDecoder(
            new DefaultHttpDataFactory(false, StandardCharsets.UTF_8), request, StandardCharsets.UTF_8);
    try {
      Map<String, List<String>> arguments = new LinkedHashMap<>();
      Map<String, List<HTTPFile>> files = new LinkedHashMap<>();
      for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
        if (data instanceof FileUpload) {
          FileUpload upload = (FileUpload) data;
          String type = upload.getContentType();
          files
              .computeIfAbsent(upload.getName(), k -> new ArrayList<>())
              .add(
                  new HTTPFile(
                      upload.getFilename(),
                      type == null || type.isEmpty() ? "application/unknown" : type,
                      upload.get()));
        } else if (data instanceof Attribute) {
          Attribute attribute = (Attribute) data;
          arguments
              .computeIfAbsent(attribute.getName(), k -> new ArrayList<>())
              .add(attribute.getValue());
        }
      }
      return new FormBody(
          Collections.unmodifiableMap(arguments), Collections.unmodifiableMap(files));
    } finally {
      decoder.destroy();
      request.release();
    }
  }
}
