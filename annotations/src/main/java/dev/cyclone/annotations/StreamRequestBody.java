package dev.cyclone.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code RequestHandler} whose request bodies are streamed to it as they arrive, Tornado's
 * {@code @tornado.web.stream_request_body}. For such a handler, {@code prepare()} runs as soon as
 * the headers are in; then each piece of the body goes to its one {@code dataReceived} method, in
 * order; then the verb method runs, with no body left to read ({@code getBodyArgument} sees none).
 *
 * <pre>{@code
 * @StreamRequestBody
 * public class UploadHandler extends RequestHandler {
 *   private long bytes;
 *
 *   protected void prepare() {
 *     request().connection().setMaxBodySize(10L << 30); // 10 GiB for this handler
 *   }
 *
 *   public CompletableFuture<Void> dataReceived(ByteBuf chunk) {
 *     bytes += chunk.readableBytes();
 *     return file.write(chunk); // reading pauses until this completes
 *   }
 *
 *   public void put() {
 *     write("received " + bytes + " bytes");
 *   }
 * }
 * }</pre>
 *
 * <p>{@code dataReceived} takes an {@code io.netty.buffer.ByteBuf} (Cyclone's: valid until the
 * method returns, or until the future it returns completes; {@code retain()} or copy what you keep
 * longer) or a {@code byte[]} (a copy, yours), and returns {@code void} or a {@code
 * CompletionStage}/{@code CompletableFuture} (it may be a {@code @Coroutine}). While that future is
 * pending the connection reads nothing more: the client is slowed down to the handler's pace (and a
 * client that goes away meanwhile is noticed when reading resumes, as in Tornado). It is called on
 * the request's loop. A body over the limit ({@code HTTPServerOptions.maxBodySize}, or the
 * handler's own set in {@code prepare()} with {@code request().connection().setMaxBodySize}) is
 * answered 413 and its connection closed; an exception in {@code dataReceived} is answered as the
 * verb's would be, and the connection closed, since the rest of the body is not read.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface StreamRequestBody {}
