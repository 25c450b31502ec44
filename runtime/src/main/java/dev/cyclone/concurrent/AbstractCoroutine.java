package dev.cyclone.concurrent;

import dev.cyclone.ioloop.ExceptionContext;
import dev.cyclone.ioloop.IOLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The base of every state machine the Cyclone processor generates for a {@code @Coroutine} method,
 * and the future the method returns: the state machine is its own {@link CoroutineFuture}, so a
 * call allocates one object. Application code never uses it directly; it is public because
 * generated code lives in the application's packages.
 *
 * <p>A generated subclass implements {@link #resume$()}: a {@code switch} on {@link #state$} whose
 * cases are the pieces of the user's body between two {@code await}s. At each {@code await} it calls
 * {@link #await$}: when the future is already complete the method returns false and the body goes on
 * inline (no trip through the loop, no stack growth); otherwise it returns true, {@code resume$()}
 * returns, and the coroutine is resumed on its own loop when the future completes, whatever thread
 * completes it. After an {@code await$} the generated code reads the outcome with {@link #get$()}.
 *
 * <p>Every member ends with {@code $}: generated state machines are inner classes of the user's
 * class, and these names must never shadow the user's own.
 *
 * <p>Threads: a coroutine belongs to the loop of the thread that created it if that is a loop
 * thread, otherwise to {@link IOLoop#current()}. It only ever runs on that loop's thread.
 *
 * @param <T> the coroutine's result type
 */
public abstract class AbstractCoroutine<T> extends CoroutineFuture<T> {
  /** Where {@link #resume$()} continues: the number of the next case of its switch. */
  protected int state$;

  private final EventLoop loop$;
  /** Where exceptions of callbacks scheduled by the body go: the starting request's, or null. */
  private final ExceptionContext context$;

  /** The future the coroutine is suspended on, or null while it runs. */
  private Object awaiting$;
  /** The stage of a {@code return stage;} still running, or null. */
  private CompletionStage<?> returnedFrom$;
  /** Counts suspensions, so that a late or duplicate wake-up of an earlier one is ignored. */
  private int suspension$;
  /** True while resume$() is on the stack: a completion seen then must not re-enter it. */
  private boolean running$;
  /** The callback of the current suspension, cleared on cancellation. */
  private Waker$ waker$;
  /** Set when the awaited future completed on the loop thread during its own registration. */
  private boolean completedInline$;

  private Object value$;
  private Throwable failure$;

  /** Binds the new coroutine to the calling thread's loop (see the class comment). */
  protected AbstractCoroutine() {
    this.context$ = ExceptionContext.current();
    IOLoop loop = IOLoop.currentOrNull();
    this.loop$ = (loop != null ? loop : IOLoop.current()).eventLoop();
  }

  /**
   * The compiled body: runs from {@link #state$} until the coroutine suspends (returns after
   * {@link #await$} answered true) or ends (after {@link #return$}). Anything it throws completes
   * the coroutine's future exceptionally. Called only on the coroutine's loop.
   */
  protected abstract void resume$() throws Throwable;

  /**
   * Starts the coroutine and returns it: it is its future. On the coroutine's loop thread the body runs at once
   * until its first real suspension; from another thread it is scheduled on the loop. Called by the
   * generated method that replaces the user's.
   */
  public final CoroutineFuture<T> start$() {
    if (loop$.inEventLoop()) {
      run$();
    } else {
      loop$.execute(this::run$);
    }
    return this;
  }

  /**
   * The suspension point: records {@code next} as the state to resume at, then answers false if
   * {@code stage} is already complete (the body continues inline) or true after arranging for the
   * body to be resumed on the loop when it completes (the body must return).
   */
  protected final boolean await$(CompletionStage<?> stage, int next) {
    state$ = next;
    if (stage instanceof CompletableFuture && ((CompletableFuture<?>) stage).isDone()) {
      takeOutcome$((CompletableFuture<?>) stage);
      return false;
    }
    Waker$ waker = beginSuspension$(stage);
    stage.whenComplete(waker);
    return endRegistration$();
  }

  /** As {@link #await$(CompletionStage, int)}, for a Netty future. */
  protected final boolean await$(io.netty.util.concurrent.Future<?> future, int next) {
    state$ = next;
    if (future.isDone()) {
      setOutcome$(future.isSuccess() ? future.getNow() : null, future.cause());
      return false;
    }
    Waker$ waker = beginSuspension$(future);
    future.addListener(
        f -> waker.accept(f.isSuccess() ? f.getNow() : null, f.isSuccess() ? null : f.cause()));
    return endRegistration$();
  }

  /**
   * The outcome of the last {@code await}: its value, or its failure thrown as it is (unwrapped from
   * {@link CompletionException} and {@link ExecutionException}).
   */
  @SuppressWarnings("unchecked")
  protected final <V> V get$() throws Throwable {
    Throwable failure = failure$;
    Object value = value$;
    failure$ = null;
    value$ = null;
    if (failure != null) {
      throw failure;
    }
    return (V) value;
  }

  /** Completes the coroutine with {@code value}: the user's {@code return value;}. */
  protected final void return$(T value) {
    complete(value);
  }

  /**
   * Completes the coroutine with the eventual outcome of {@code stage}: the user's {@code return
   * stage;}. A null stage completes it with null.
   */
  protected final void returnFrom$(CompletionStage<? extends T> stage) {
    if (stage == null) {
      complete(null);
      return;
    }
    if (stage instanceof CompletableFuture && ((CompletableFuture<?>) stage).isDone()) {
      CompletableFuture<? extends T> done = (CompletableFuture<? extends T>) stage;
      if (done.isCompletedExceptionally()) {
        completeExceptionally(outcomeFailure$(done));
      } else {
        complete(done.join());
      }
      return;
    }
    returnedFrom$ = stage;
    stage.whenComplete(
        (v, t) -> {
          if (loop$.inEventLoop()) {
            finishFrom$(v, t);
          } else {
            loop$.execute(() -> finishFrom$(v, t));
          }
        });
  }

  private void finishFrom$(T value, Throwable failure) {
    returnedFrom$ = null;
    if (failure != null) {
      completeExceptionally(Futures.unwrap(failure));
    } else {
      complete(value);
    }
  }

  /** Called by {@link CoroutineFuture#cancel}: resumes the suspended body with a cancellation. */
  @Override
  final void cancelled$() {
    if (loop$.inEventLoop()) {
      interrupt$();
    } else {
      loop$.execute(this::interrupt$);
    }
  }

  private void interrupt$() {
    if (returnedFrom$ instanceof CoroutineFuture<?> returned) {
      returned.cancel(false); // the body has ended; only the stage it returned is still running
      return;
    }
    Object awaited = awaiting$;
    if (awaited == null) {
      return; // running now, or already finished: the next await sees nothing; the future is done
    }
    if (awaited instanceof CoroutineFuture) {
      ((CoroutineFuture<?>) awaited).cancel(false);
    }
    // The awaited future may outlive us (a long sleep, a future shared by many): it must not
    // keep this coroutine, and through it the user's object, reachable.
    Waker$ waker = waker$;
    if (waker != null) {
      waker.coroutine = null;
    }
    wake$(suspension$, null, new CancellationException("coroutine was cancelled"));
  }

  private Waker$ beginSuspension$(Object awaited) {
    awaiting$ = awaited;
    completedInline$ = false;
    Waker$ waker = new Waker$(this, ++suspension$);
    waker$ = waker;
    return waker;
  }

  /**
   * What the awaited future calls back: wakes the coroutine for one suspension. It holds the
   * coroutine only until then, or until the coroutine is cancelled, so that a future that completes
   * late or never does not keep an abandoned coroutine reachable.
   */
  private static final class Waker$ implements java.util.function.BiConsumer<Object, Throwable> {
    private volatile AbstractCoroutine<?> coroutine;
    private final int suspension;

    Waker$(AbstractCoroutine<?> coroutine, int suspension) {
      this.coroutine = coroutine;
      this.suspension = suspension;
    }

    @Override
    public void accept(Object value, Throwable failure) {
      AbstractCoroutine<?> c = coroutine;
      if (c != null) {
        coroutine = null;
        c.wake$(suspension, value, failure);
      }
    }
  }

  private boolean endRegistration$() {
    if (completedInline$) {
      // the future completed on this thread while we registered: go on without suspending
      completedInline$ = false;
      awaiting$ = null;
      return false;
    }
    return true;
  }

  private void wake$(int suspension, Object value, Throwable failure) {
    if (!loop$.inEventLoop()) {
      loop$.execute(() -> wake$(suspension, value, failure));
      return;
    }
    if (suspension != suspension$ || awaiting$ == null) {
      return; // a wake-up for a suspension that already ended (cancelled, or resumed)
    }
    setOutcome$(value, failure);
    if (running$) {
      completedInline$ = true;
      return;
    }
    awaiting$ = null;
    run$();
  }

  private void run$() {
    running$ = true;
    // Callbacks the body schedules belong to the request (if any) that started the coroutine, not
    // to whatever code completed the future it awaited.
    ExceptionContext context = context$;
    ExceptionContext previous = context == null ? null : context.enter();
    try {
      resume$();
    } catch (Throwable t) {
      completeExceptionally(t);
    } finally {
      running$ = false;
      if (context != null) {
        ExceptionContext.exit(previous);
      }
    }
  }

  private void takeOutcome$(CompletableFuture<?> done) {
    if (done.isCompletedExceptionally()) {
      setOutcome$(null, outcomeFailure$(done));
    } else {
      setOutcome$(done.join(), null);
    }
  }

  private void setOutcome$(Object value, Throwable failure) {
    value$ = value;
    failure$ = failure == null ? null : Futures.unwrap(failure);
  }

  private static Throwable outcomeFailure$(CompletableFuture<?> done) {
    try {
      done.join();
      throw new AssertionError("future was not completed exceptionally");
    } catch (CompletionException | CancellationException e) {
      return Futures.unwrap(e);
    }
  }
}
