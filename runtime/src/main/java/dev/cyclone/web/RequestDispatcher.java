package dev.cyclone.web;

import dev.cyclone.httpserver.HTTPMessageDelegate;
import dev.cyclone.httpserver.HTTPServerRequest;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;

/**
 * Receives one request for an {@link Application} (Tornado's {@code _RequestDispatcher}): finds its
 * route when the headers arrive, collects the body, and runs the handler once the body is
 * complete; or, for a {@link dev.cyclone.annotations.StreamRequestBody} handler, starts it at once
 * and hands it the body piece by piece. Runs on the request's connection loop.
 */
final class RequestDispatcher implements HTTPMessageDelegate {
  private final Application application;
  private HTTPServerRequest request;
  private Application.RouteMatch match;
  private ByteArrayOutputStream body;
  private HandlerExecution<?> execution;

  RequestDispatcher(Application application) {
    this.application = application;
  }

  @Override
  public void headersReceived(HTTPServerRequest request) {
    this.request = request;
    this.match = application.find(request.path());
    URLSpec route = match.route();
    if (route.streamsBody()) {
      execution = HandlerExecution.startStreaming(application, route, match.args(), request);
    }
  }

  @Override
  public void dataReceived(ByteBuf chunk) {
    if (execution != null) {
      execution.bodyReceived(chunk.retain()); // the connection releases its reference on return
      return;
    }
    if (body == null) {
      body = new ByteArrayOutputStream(Math.max(chunk.readableBytes(), 256));
    }
    int n = chunk.readableBytes();
    byte[] bytes = new byte[n];
    chunk.getBytes(chunk.readerIndex(), bytes);
    body.write(bytes, 0, n);
  }

  @Override
  public void finish() {
    if (execution != null) {
      execution.bodyEnded();
      return;
    }
    if (body != null) {
      request.setBody(body.toByteArray());
      body = null;
    }
    execution = HandlerExecution.start(application, match.route(), match.args(), request);
  }

  @Override
  public void onConnectionClose() {
    body = null;
    if (execution != null) {
      execution.connectionClosed();
    }
  }
}
