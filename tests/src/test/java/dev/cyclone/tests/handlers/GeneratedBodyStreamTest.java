package dev.cyclone.tests.handlers;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.annotations.StreamRequestBody;
import dev.cyclone.gen.Gen;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import io.netty.buffer.ByteBuf;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @StreamRequestBody} handlers compiled with the processor: their generated dispatcher
 * calls {@code dataReceived} directly (a ByteBuf, a byte[], a {@code @Coroutine} that suspends),
 * and each gets every byte of a 3 MiB body, in order.
 */
class GeneratedBodyStreamTest extends AsyncHTTPTestCase {
  /** Sums the bytes with their positions, which a reordered or lost piece would change. */
  abstract static class Summing extends RequestHandler {
    long count;
    long sum;

    void add(byte[] piece) {
      for (byte b : piece) {
        sum = sum * 31 + (b & 0xff);
        count++;
      }
    }

    public void put() {
      write(count + " " + sum);
    }
  }

  @StreamRequestBody
  public static class BufferHandler extends Summing {
    public void dataReceived(ByteBuf chunk) {
      byte[] copy = new byte[chunk.readableBytes()];
      chunk.getBytes(chunk.readerIndex(), copy);
      add(copy);
    }
  }

  @StreamRequestBody
  public static class BytesHandler extends Summing {
    public CompletableFuture<Void> dataReceived(byte[] chunk) {
      add(chunk);
      return CompletableFuture.completedFuture(null);
    }
  }

  @StreamRequestBody
  public static class CoroutineHandler extends Summing {
    @Coroutine
    public CompletableFuture<Void> dataReceived(byte[] chunk) {
      await(Gen.moment()); // suspends: reading waits for this piece
      add(chunk);
      return CompletableFuture.completedFuture(null);
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(
        url("/buffer", BufferHandler.class),
        url("/bytes", BytesHandler.class),
        url("/coroutine", CoroutineHandler.class)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"BufferHandler", "BytesHandler", "CoroutineHandler"})
  void theGeneratedDispatcherStreamsTheBody(String handler) throws Exception {
    Class<?> type = Class.forName(GeneratedBodyStreamTest.class.getName() + "$" + handler);
    Class<?> dispatcher = Class.forName("dev.cyclone.tests.handlers.GeneratedBodyStreamTest_" + handler + "_Dispatcher");
    assertNotNull(dispatcher.getDeclaredMethod("dataReceived", type, ByteBuf.class), "written, not inherited");

    byte[] body = new byte[3 * 1024 * 1024 + 5];
    new java.util.Random(7).nextBytes(body);
    Summing expected = new Summing() {};
    expected.add(body);
    String path = "/" + handler.replace("Handler", "").toLowerCase(java.util.Locale.ROOT);
    HttpResponse<String> r = httpClient().send(
        request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(expected.count + " " + expected.sum, r.body());
  }
}
