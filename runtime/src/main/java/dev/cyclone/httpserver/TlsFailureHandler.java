package dev.cyclone.httpserver;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the TLS handler: a failed handshake, plain HTTP sent to the TLS port, or a
 * broken TLS record closes that connection with a DEBUG line, since a client that cannot speak TLS
 * to us is no fault of the server's; any other error goes on to {@link HTTP1ServerHandler}. Runs
 * on the connection's loop; one instance serves every connection.
 */
@Sharable
final class TlsFailureHandler extends ChannelInboundHandlerAdapter {
  static final TlsFailureHandler INSTANCE = new TlsFailureHandler();
  private static final Logger log = LoggerFactory.getLogger(TlsFailureHandler.class);

  private TlsFailureHandler() {}

  /** Closes the connection quietly when {@code cause} is a TLS failure; passes anything else on. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!isTls(cause)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    log.debug("TLS failure on {}; closing: {}", ctx.channel(), rootMessage(cause));
    ctx.close();
  }

  /** Closes the connection when its handshake (or SNI lookup) failed; passes every event on. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    Throwable failure = null;
    if (evt instanceof SslHandshakeCompletionEvent && !((SslHandshakeCompletionEvent) evt).isSuccess()) {
      failure = ((SslHandshakeCompletionEvent) evt).cause();
    } else if (evt instanceof SniCompletionEvent && !((SniCompletionEvent) evt).isSuccess()) {
      failure = ((SniCompletionEvent) evt).cause();
    }
    if (failure != null) {
      log.debug("TLS handshake failed on {}; closing: {}", ctx.channel(), rootMessage(failure));
      ctx.close();
    }
    ctx.fireUserEventTriggered(evt);
  }

  private static boolean isTls(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable cause) {
    Throwable t = cause;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == cause ? cause.toString() : cause + " (" + t + ")";
  }
}
