package dev.cyclone.web;

import dev.cyclone.concurrent.Futures;
import dev.cyclone.httpserver.HTTPServerRequest;
import dev.cyclone.ioloop.ExceptionContext;
import dev.cyclone.ioloop.IOLoop;
import dev.cyclone.ioloop.Timeout;
import java.time.Duration;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's run through its handler (Tornado's {@code RequestHandler._execute}): create,
 * {@code initialize}, the method check, the XSRF check, {@code prepare}, the verb, then {@code finish} for a plain
 * method or when the returned stage completes; any failure goes to {@code sendError} through
 * {@link #fail}. Runs on the request's connection loop, and brings every continuation back there.
 */
final class HandlerExecution<H extends RequestHandler> {
  private static final Logger log = LoggerFactory.getLogger("dev.cyclone.web");

  private final Application application;
  private final HandlerDispatcher<H> dispatcher;
  private final URLSpec route;
  private final PathArguments args;
  private final HTTPServerRequest request;
  private final IOLoop loop;
  private RequestHandler handler;
  /** The work in progress: prepare's or the verb's stage, cancelled if the client goes away. */
  private CompletionStage<?> pending;
  private Timeout timeout;
  /** Routes exceptions of callbacks the handler schedules back to this request (see ExceptionContext). */
  private final ExceptionContext context = new ExceptionContext(this::fail);
  /** A streaming handler's body, piece by piece (null otherwise); see {@link #bodyReceived}. */
  private BodyPieces body;

  private HandlerExecution(
      Application application,
      HandlerDispatcher<H> dispatcher,
      URLSpec route,
      PathArguments args,
      HTTPServerRequest request) {
    this.application = application;
    this.dispatcher = dispatcher;
    this.route = route;
    this.args = args;
    this.request = request;
    this.loop = request.connection().ioLoop();
  }

  /** Starts serving {@code request} with the handler of {@code route}; called once its body is in. */
  static HandlerExecution<?> start(
      Application application, URLSpec route, PathArguments args, HTTPServerRequest request) {
    HandlerExecution<RequestHandler> execution = of(application, route, args, request);
    execution.run();
    return execution;
  }

  /**
   * Starts serving {@code request} with a {@link dev.cyclone.annotations.StreamRequestBody}
   * handler, when its headers are in: {@code prepare} runs now, the body follows through {@link
   * #bodyReceived} and {@link #bodyEnded}, and the verb runs after it.
   */
  static HandlerExecution<?> startStreaming(
      Application application, URLSpec route, PathArguments args, HTTPServerRequest request) {
    HandlerExecution<RequestHandler> execution = of(application, route, args, request);
    execution.body = new BodyPieces();
    request.connection().pauseReading(); // until prepare() is done
    execution.run();
    return execution;
  }

  @SuppressWarnings("unchecked")
  private static HandlerExecution<RequestHandler> of(
      Application application, URLSpec route, PathArguments args, HTTPServerRequest request) {
    return new HandlerExecution<>(
        application, (HandlerDispatcher<RequestHandler>) route.dispatcher(), route, args, request);
  }

  /** A piece of a streaming handler's body (a reference this execution owns and releases). */
  void bodyReceived(io.netty.buffer.ByteBuf piece) {
    BodyPieces b = body;
    if (b == null || b.over) {
      piece.release();
      return;
    }
    b.queue.add(piece);
    pump();
  }

  /** A streaming handler's body is all in: the verb runs once the handler has taken every piece. */
  void bodyEnded() {
    if (body != null) {
      body.ended = true;
      pump();
    }
  }

  /**
   * Hands the queued pieces of body to the handler, one at a time, and the verb after the last;
   * pauses reading while the handler digests a piece. On the loop.
   */
  @SuppressWarnings("unchecked")
  private void pump() {
    BodyPieces b = body;
    H h = (H) handler;
    while (b.ready && !b.busy && !b.over) {
      if (h.isFinished() || request.connection().isClosed()) {
        b.discard(); // answered early, or gone: the rest of the body is not wanted
        return;
      }
      io.netty.buffer.ByteBuf piece = b.queue.poll();
      if (piece == null) {
        if (b.ended) {
          b.over = true;
          context.run(() -> runVerb(h));
        } else {
          request.connection().resumeReading();
        }
        return;
      }
      CompletionStage<?> stage;
      ExceptionContext previous = context.enter();
      try {
        stage = dispatcher.dataReceived(h, piece);
      } catch (Throwable t) {
        piece.release();
        b.discard();
        fail(t);
        end();
        return;
      } finally {
        ExceptionContext.exit(previous);
      }
      if (stage == null || completedNormally(stage)) {
        piece.release();
        continue;
      }
      b.busy = true;
      pending = stage;
      request.connection().pauseReading();
      onLoop(stage, (v, failure) -> {
        piece.release();
        b.busy = false;
        pending = null;
        if (failure != null) {
          b.discard();
          fail(failure);
          end();
        } else {
          pump();
        }
      });
      return;
    }
  }

  /** What a streaming execution holds of its body. */
  private static final class BodyPieces {
    final java.util.ArrayDeque<io.netty.buffer.ByteBuf> queue = new java.util.ArrayDeque<>();
    /** prepare() is done: pieces may go to the handler. */
    boolean ready;
    /** A dataReceived future is pending. */
    boolean busy;
    /** The last piece has been read. */
    boolean ended;
    /** Nothing more goes to the handler: the verb ran, or the request failed or was abandoned. */
    boolean over;

    void discard() {
      over = true;
      for (io.netty.buffer.ByteBuf piece; (piece = queue.poll()) != null; ) {
        piece.release();
      }
    }
  }

  private void run() {
    ExceptionContext previous = context.enter();
    try {
      H created = dispatcher.create();
      handler = created;
      created.attach(application, dispatcher, request, args);
      created.initialize(route.initArgs());
      if (!ReflectiveDispatcher.isVerb(request.method())) {
        throw new HTTPError(405).header("Allow", allowed());
      }
      if (application.settings().xsrfCookies() && Xsrf.isChecked(request.method())) {
        created.checkXsrfCookie(); // before prepare(), as Tornado's _execute does
      }
      CompletionStage<?> prepared = dispatcher.prepare(created);
      if (prepared != null) {
        pending = prepared;
        onLoop(prepared, (v, failure) -> {
          pending = null;
          if (failure != null) {
            fail(failure);
            end();
          } else {
            context.run(() -> afterPrepare(created));
          }
        });
        return;
      }
      afterPrepare(created);
    } catch (Throwable t) {
      fail(t);
      end();
    } finally {
      ExceptionContext.exit(previous);
    }
  }

  /**
   * The request is over (answered, failed, or its client gone): callbacks the handler scheduled
   * and that still run (a timer of an hour behind a Gen.sleep, a late future) no longer keep the
   * handler reachable through this execution, and their exceptions are only logged.
   */
  private void end() {
    if (body != null) {
      if (body.busy) {
        body.over = true; // the piece in the handler's hands is released when its future ends
      } else {
        body.discard();
      }
    }
    context.close();
  }

  /** The verb now, or, for a streaming handler, the body first. */
  private void afterPrepare(H h) {
    if (body == null) {
      runVerb(h);
      return;
    }
    if (h.isFinished()) {
      body.discard();
      end();
      return; // prepare() answered: the body is not read
    }
    body.ready = true;
    pump();
  }

  private void runVerb(H h) {
    try {
      if (h.isFinished()) {
        end();
        return; // prepare() answered the request
      }
      String verb = verbFor(request.method());
      if (verb == null) {
        throw new HTTPError(405).header("Allow", allowed());
      }
      CompletionStage<?> stage = dispatcher.invoke(h, verb, args);
      if (stage == null || completedNormally(stage)) {
        // a plain method, or a coroutine that never suspended: done here, as onLoop would be
        finishIfOpen(h);
        end();
      } else {
        if (stage != h.finishFutureIfCreated()) {
          pending = stage;
        } else {
          startTimeout(h, dispatcher.timeoutMillis(verb));
        }
        onLoop(stage, (v, failure) -> {
          pending = null;
          if (timeout != null) {
            timeout.cancel();
          }
          if (failure != null) {
            fail(failure);
          } else {
            try {
              finishIfOpen(h);
            } catch (Throwable t) {
              fail(t);
            }
          }
          end();
        });
      }
    } catch (Throwable t) {
      fail(t);
      end();
    }
  }

  /** {@code @Asynchronous(timeout = ...)}: answers 503 if the handler has not finished in time. */
  private void startTimeout(H h, long millis) {
    if (millis <= 0 || h.isFinished()) {
      return;
    }
    timeout = loop.callLater(Duration.ofMillis(millis), () -> {
      if (h.isFinished() || request.connection().isClosed()) {
        return;
      }
      log.warn("[AsynchronousTimeout] {} did not finish within {} ms; answering 503", request.summary(), millis);
      try {
        h.onTimeout();
      } catch (Throwable t) {
        log.error("Exception in onTimeout for {}", request.summary(), t);
      }
      if (!h.isFinished()) {
        h.sendError(503);
      }
    });
  }

  private void finishIfOpen(H h) {
    if (!h.isFinished() && !request.connection().isClosed()) {
      h.finishUnobserved();
    }
  }

  /** The verb method that serves {@code method}: itself, or GET for a HEAD without head(). */
  private String verbFor(String method) {
    Set<String> methods = dispatcher.methods();
    if (methods.contains(method)) {
      return method;
    }
    if (method.equals("HEAD") && methods.contains("GET")) {
      return "GET";
    }
    return null;
  }

  /** The Allow header: the implemented verbs, HEAD included when GET is there. */
  private String allowed() {
    Set<String> methods = dispatcher.methods();
    StringJoiner allow = new StringJoiner(", ");
    for (String verb : ReflectiveDispatcher.VERBS) {
      if (methods.contains(verb) || (verb.equals("HEAD") && methods.contains("GET"))) {
        allow.add(verb);
      }
    }
    return allow.toString();
  }

  /** Answers a failure (Tornado's {@code _handle_request_exception}). */
  private void fail(Throwable failure) {
    Throwable e = Futures.unwrap(failure);
    if (handler == null) {
      // create() failed: answer with a bare handler.
      handler = new ErrorHandler();
      handler.attach(application, request, args);
    }
    if (request.connection().isClosed()) {
      log.debug("Exception after the client went away: {}: {}", request.summary(), e.toString());
      return;
    }
    if (handler.isFinished()) {
      log.error("Exception after the response was finished: {}", request.summary(), e);
      return;
    }
    int status;
    if (e instanceof HTTPError) {
      HTTPError error = (HTTPError) e;
      status = error.status();
      if (error.logMessage() != null) {
        log.warn("{} {}: {}", status, request.summary(), error.logMessage());
      }
    } else {
      status = 500;
      log.error("Uncaught exception {}", request.summary(), e);
    }
    try {
      handler.sendError(status, e);
    } catch (Throwable t) {
      log.error("Exception in sendError for {}; closing the connection", request.summary(), t);
      request.connection().abort();
    }
  }

  /**
   * Called when the client disconnects before the response is finished: tells the handler, and
   * cancels its pending work (a coroutine gets a CancellationException at its await) unless the
   * application's {@code cancelOnDisconnect} setting is off.
   */
  void connectionClosed() {
    RequestHandler h = handler;
    if (h != null && !h.isFinished()) {
      try {
        h.onConnectionClose();
      } catch (Throwable t) {
        log.error("Exception in onConnectionClose for {}", request.summary(), t);
      }
    }
    if (timeout != null) {
      timeout.cancel();
    }
    CompletionStage<?> work = pending;
    if (work != null && application.settings().cancelOnDisconnect()) {
      pending = null;
      work.toCompletableFuture().cancel(false);
    }
    end();
  }

  /** True if {@code stage} is a future that has already completed with a value. */
  private static boolean completedNormally(CompletionStage<?> stage) {
    return stage instanceof CompletableFuture<?> f && f.isDone() && !f.isCompletedExceptionally();
  }

  /**
   * Runs {@code callback} on the request's loop when {@code stage} completes; at once if it already
   * has (a coroutine that never suspended), as this is called on the loop within the request's
   * context.
   */
  private void onLoop(CompletionStage<?> stage, BiConsumer<Object, Throwable> callback) {
    if (stage instanceof CompletableFuture<?> done && done.isDone() && loop.inLoop()) {
      if (!done.isCompletedExceptionally()) {
        callback.accept(done.getNow(null), null);
        return;
      }
      Throwable failure;
      try {
        done.join();
        throw new AssertionError("a future completed exceptionally joined normally");
      } catch (CompletionException | CancellationException e) {
        failure = e;
      }
      callback.accept(null, failure);
      return;
    }
    stage.whenComplete(
        (v, t) -> {
          if (loop.inLoop()) {
            context.run(() -> callback.accept(v, t));
          } else {
            loop.eventLoop().execute(() -> context.run(() -> callback.accept(v, t)));
          }
        });
  }
}
