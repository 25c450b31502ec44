package dev.cyclone.concurrent;

import dev.cyclone.ioloop.ExceptionContext;
import dev.cyclone.ioloop.IOLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * The base of every state machine the Cyclone processor generates for a {@code @Coroutine} method,
 * and the future the method returns: the state machine is its own {@link CoroutineFuture}, so a
 * call allocates one object. (A call that ends without ever suspending returns a plain completed
 * future instead; see {@link #start$()}.) Application code never uses it directly; it is public
 * because generated code lives in the application's packages.
 *
 * <p>A generated subclass implements {@link #resume$()}: a {@code switch} on {@link #state$} whose
 * cases are the pieces of the user's body between two {@code await}s. At each {@code await} it calls
 * {@link #await$}: when the future is already complete the method returns false and the body goes on
 * inline (no trip through the loop, no stack growth); otherwise it returns true, {@code resume$()}
 * returns, and the coroutine is resumed on its own loop when the future completes, whatever thread
 * completes it. After an {@code await$} the generated code reads the outcome with {@link #get$()}.
 *
 * <p>Every member this class adds ends with {@code $}: generated state machines are inner classes
 * of the user's class, and these names must never shadow the user's own. (The processor qualifies
 * the user's names that the members inherited from {@code CompletableFuture} would shadow.)
 *
 * <p>Threads: a coroutine belongs to the loop of the thread that created it if that is a loop
 * thread, otherwise to {@link IOLoop#current()}. It only ever runs on that loop's thread.
 *
 * <p>Cost: a coroutine that never really suspends (it awaits only completed futures) is this one
 * object and the completed future it returns, and looks up nothing but whether its thread is a
 * loop thread; when the call inlines, the JIT removes both, as it removes the futures of a {@code
 * thenCompose} step. Its loop, its {@link ExceptionContext} and the bookkeeping of suspensions live
 * in a {@link Suspended$} made at its first real suspension, or when it is started off its loop.
 *
 * @param <T> the coroutine's result type
 */
public abstract class AbstractCoroutine<T> extends CoroutineFuture<T> {
  /** Where {@link #resume$()} continues: the number of the next case of its switch. */
  protected int state$;

  /**
   * Null while the coroutine runs inside {@link #start$()} without having suspended: then the
   * creator's loop and exception context are the current ones, and nobody else holds this future
   * (its outcome waits in {@link #value$} or {@link #failure$} for start$() to return it). Volatile
   * for {@link #cancelled$()}, which may run on any thread.
   */
  private volatile Suspended$ suspended$;

  /**
   * The outcome of the last await, until {@link #get$()} reads it; or the coroutine's own, when it
   * ends inside {@link #start$()}.
   */
  private Object value$;
  private Throwable failure$;

  /** Creates the coroutine; {@link #start$()} binds it to its loop. */
  protected AbstractCoroutine() {}

  /**
   * The compiled body: runs from {@link #state$} until the coroutine suspends (returns after
   * {@link #await$} answered true) or ends (after {@link #return$}). Anything it throws completes
   * the coroutine's future exceptionally. Called only on the coroutine's loop.
   */
  protected abstract void resume$() throws Throwable;

  /**
   * Where the body is now in the user's source: the declaring class, the method, and the line of
   * the piece of the body {@link #state$} names (the code after an {@code await}, a loop's
   * condition, ...). The processor generates it, for {@link AsyncStackTrace}; null when unknown.
   * Called on the loop, only when a failure leaves the body.
   */
  protected StackTraceElement frame$() {
    return null;
  }

  /**
   * Starts the coroutine and returns its future. On a loop thread the body runs at once, until its
   * first real suspension; from another thread it is scheduled on {@link IOLoop#current()}, inside
   * the exception context current here. Called by the generated method that replaces the user's.
   *
   * <p>The stack guard: when {@link Nesting#LIMIT} coroutine bodies are already nested on this
   * thread's stack (a deep chain of coroutines that complete without suspending), the body is
   * scheduled on this loop instead of run here; the caller, awaiting it, suspends, and the chain
   * goes on from a task with a fresh stack. Only a caller that does something else between the call
   * and its {@code await} can tell: that work then comes before the callee's first piece.
   *
   * <p>The future is this coroutine, unless the body ended here without suspending: then it is a
   * plain completed future with the outcome. This coroutine was never shared, so nobody can tell,
   * and the JIT can then drop both objects when the call inlines. Completing this coroutine
   * instead would stop it: {@code complete()} (or any other way to set the result) runs
   * {@code postComplete()}, whose loop over dependents merges this object with others, and C2's
   * escape analysis gives up on it.
   */
  @SuppressWarnings("unchecked")
  public final CompletableFuture<T> start$() {
    Nesting nesting = Nesting.current();
    if (nesting.loop != null && !nesting.full()) {
      nesting.depth++;
      runFirst$();
      nesting.depth--;
      if (suspended$ == null) {
        Throwable failure = failure$;
        return failure != null
            ? CompletableFuture.failedFuture(failure)
            : CompletableFuture.completedFuture((T) value$);
      }
    } else {
      // Off the loops, or too deep on this stack (see Nesting): the body starts in a loop task.
      IOLoop loop = nesting.loop != null ? nesting.loop : IOLoop.current();
      Suspended$ s = new Suspended$(loop.eventLoop(), ExceptionContext.current());
      suspended$ = s;
      s.loop.execute(this::run$);
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
    if (stage instanceof CompletableFuture<?> future && future.isDone()) {
      takeOutcome$(future);
      return false;
    }
    return suspendOn$(stage);
  }

  /** As {@link #await$(CompletionStage, int)}, for a Netty future. */
  protected final boolean await$(io.netty.util.concurrent.Future<?> future, int next) {
    state$ = next;
    if (future.isDone()) {
      setOutcome$(future.isSuccess() ? future.getNow() : null, future.cause());
      return false;
    }
    Suspended$ s = suspended$();
    Waker$ waker = s.begin(this, future);
    future.addListener(
        f -> waker.accept(f.isSuccess() ? f.getNow() : null, f.isSuccess() ? null : f.cause()));
    return s.endRegistration();
  }

  private boolean suspendOn$(CompletionStage<?> stage) {
    Suspended$ s = suspended$();
    stage.whenComplete(s.begin(this, stage));
    return s.endRegistration();
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
    if (suspended$ == null) {
      // inside start$(), never suspended: start$() returns the outcome in a completed future
      value$ = value;
      failure$ = null;
    } else {
      complete(value);
    }
  }

  /**
   * Completes the coroutine with the eventual outcome of {@code stage}: the user's {@code return
   * stage;}. A null stage completes it with null.
   */
  protected final void returnFrom$(CompletionStage<? extends T> stage) {
    if (stage == null) {
      return$(null);
      return;
    }
    if (stage instanceof CompletableFuture && ((CompletableFuture<?>) stage).isDone()) {
      CompletableFuture<? extends T> done = (CompletableFuture<? extends T>) stage;
      if (done.isCompletedExceptionally()) {
        fail$(outcomeFailure$(done));
      } else {
        return$(done.join());
      }
      return;
    }
    Suspended$ s = suspended$();
    s.returnedFrom = stage;
    EventLoop loop = s.loop;
    stage.whenComplete(
        (v, t) -> {
          if (loop.inEventLoop() && !Nesting.current().full()) {
            finishFrom$(v, t);
          } else {
            loop.execute(() -> finishFrom$(v, t)); // another thread, or a deep chain (Nesting)
          }
        });
  }

  private void finishFrom$(T value, Throwable failure) {
    suspended$.returnedFrom = null;
    // Completing this future runs whoever waits on it, on this stack: count it as a nested body.
    Nesting nesting = Nesting.current();
    nesting.depth++;
    try {
      if (failure != null) {
        fail$(Futures.unwrap(failure));
      } else {
        return$(value);
      }
    } finally {
      nesting.depth--;
    }
  }

  /** Completes the coroutine with {@code failure}, as {@link #return$} completes it with a value. */
  private void fail$(Throwable failure) {
    if (suspended$ == null) {
      failure$ = failure;
    } else {
      completeExceptionally(failure);
    }
  }

  /** Called by {@link CoroutineFuture#cancel}: resumes the suspended body with a cancellation. */
  @Override
  final void cancelled$() {
    Suspended$ s = suspended$;
    if (s == null) {
      return; // it never suspended: it ended inside start$(), before anyone could cancel it
    }
    if (s.loop.inEventLoop()) {
      interrupt$(s);
    } else {
      s.loop.execute(() -> interrupt$(s));
    }
  }

  private void interrupt$(Suspended$ s) {
    if (s.returnedFrom instanceof CoroutineFuture<?> returned) {
      returned.cancel(false); // the body has ended; only the stage it returned is still running
      return;
    }
    Object awaited = s.awaiting;
    if (awaited == null || s.interrupted) {
      // running now, or already finished: the next await sees nothing; the future is done. Or
      // cancelled again (cancel() answers true while the future is cancelled): raised once only.
      return;
    }
    s.interrupted = true;
    if (awaited instanceof CoroutineFuture<?> coroutine) {
      coroutine.cancel(false);
    }
    // The awaited future may outlive us (a long sleep, a future shared by many): it must not
    // keep this coroutine, and through it the user's object, reachable.
    Waker$ waker = s.waker;
    if (waker != null) {
      waker.coroutine = null;
    }
    wake$(s.suspension, null, new CancellationException("coroutine was cancelled"));
  }

  /**
   * The suspended state, made at the first real suspension: that happens on the loop thread inside
   * {@link #start$()}'s run, where the loop and the exception context current are the creator's.
   */
  private Suspended$ suspended$() {
    Suspended$ s = suspended$;
    if (s == null) {
      s = new Suspended$(IOLoop.currentOrNull().eventLoop(), ExceptionContext.current());
      s.running = true;
      suspended$ = s;
    }
    return s;
  }

  /**
   * What a coroutine needs only once it has suspended: the loop it resumes on, the context its
   * callbacks belong to, and the bookkeeping of its current suspension. One per coroutine, reused
   * by every suspension; confined to the loop thread.
   */
  private static final class Suspended$ {
    final EventLoop loop;
    /** Where exceptions of callbacks scheduled by the body go: the starting request's, or null. */
    final ExceptionContext context;

    /** The future the coroutine is suspended on, or null while it runs. */
    Object awaiting;
    /** The stage of a {@code return stage;} still running, or null. */
    CompletionStage<?> returnedFrom;
    /** Counts suspensions, so that a late or duplicate wake-up of an earlier one is ignored. */
    int suspension;
    /** True while resume$() is on the stack: a completion seen then must not re-enter it. */
    boolean running;
    /** The callback of the current suspension, cleared on cancellation. */
    Waker$ waker;
    /** Set when the awaited future completed on the loop thread during its own registration. */
    boolean completedInline;
    /** Set once cancellation has been raised at an await. */
    boolean interrupted;

    Suspended$(EventLoop loop, ExceptionContext context) {
      this.loop = loop;
      this.context = context;
    }

    /** Begins a suspension on {@code awaited}: the callback to register on it. */
    Waker$ begin(AbstractCoroutine<?> coroutine, Object awaited) {
      awaiting = awaited;
      completedInline = false;
      waker = new Waker$(coroutine, ++suspension);
      return waker;
    }

    /** After registering: false when the future completed meanwhile, on this thread (go on inline). */
    boolean endRegistration() {
      if (completedInline) {
        completedInline = false;
        awaiting = null;
        return false;
      }
      return true;
    }
  }

  /**
   * What the awaited future calls back: wakes the coroutine for one suspension. It holds the
   * coroutine only until then, or until the coroutine is cancelled, so that a future that completes
   * late or never does not keep an abandoned coroutine reachable.
   */
  private static final class Waker$ implements BiConsumer<Object, Throwable> {
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

  private void wake$(int suspension, Object value, Throwable failure) {
    Suspended$ s = suspended$;
    if (!s.loop.inEventLoop()) {
      s.loop.execute(() -> wake$(suspension, value, failure));
      return;
    }
    if (suspension != s.suspension || s.awaiting == null) {
      return; // a wake-up for a suspension that already ended (cancelled, or resumed)
    }
    if (!s.running && Nesting.current().full()) {
      // the bottom of a deep chain completed: resume the next level from a fresh stack
      s.loop.execute(() -> wake$(suspension, value, failure));
      return;
    }
    setOutcome$(value, failure);
    if (s.running) {
      s.completedInline = true;
      return;
    }
    s.awaiting = null;
    run$();
  }

  /**
   * The first run, inside {@link #start$()} on the loop thread: the creator's context is current.
   *
   * <p>Written for the JIT: when a call inlines down to here and the coroutine ends without
   * suspending, C2 can eliminate the coroutine's allocation (escape analysis), as it does the
   * futures of a {@code thenCompose} chain. That needs every path that takes {@code this} to a call
   * the JIT does not inline to be one that is never taken, so the failure is handled after the
   * {@code catch} (a branch the JIT prunes while it is not taken) rather than in it (JDK 17 compiles
   * every exception handler); see also {@link #start$()}.
   */
  private void runFirst$() {
    Throwable failure = null;
    try {
      resume$();
    } catch (Throwable t) {
      failure = t;
    }
    if (failure != null) {
      fail$(failure);
    }
    Suspended$ s = suspended$;
    if (s != null) {
      s.running = false;
    }
  }

  /** A later run, on the loop: scheduled by start$() from another thread, or a resumption. */
  private void run$() {
    Suspended$ s = suspended$;
    s.running = true;
    Nesting nesting = Nesting.current();
    nesting.depth++;
    // Callbacks the body schedules belong to the request (if any) that started the coroutine, not
    // to whatever code completed the future it awaited.
    ExceptionContext context = s.context;
    ExceptionContext previous = context == null ? null : context.enter();
    try {
      resume$();
    } catch (Throwable t) {
      // the failure leaves a coroutine that suspended: name it in the failure's async frames
      AsyncStackTrace.append(t, this);
      fail$(t);
    } finally {
      s.running = false;
      nesting.depth--;
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
