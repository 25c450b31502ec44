/**
 * Coordination of coroutines on one loop: Tornado's {@code tornado.locks}.
 *
 * <pre>{@code
 * Event ready = new Event();
 * loop.callLater(Duration.ofSeconds(1), ready::set);
 * await(ready.waitFor());
 * }</pre>
 *
 * <p>{@link dev.cyclone.locks.Event}, {@link dev.cyclone.locks.Condition}, {@link
 * dev.cyclone.locks.Semaphore}, {@link dev.cyclone.locks.BoundedSemaphore} and {@link
 * dev.cyclone.locks.Lock} hand out {@link java.util.concurrent.CompletableFuture}s to await. Waiters
 * are served first come, first served; a waiter given a timeout is dropped from the line when it
 * elapses.
 *
 * <p>Threads: every object here belongs to one {@link dev.cyclone.ioloop.IOLoop} (see {@link
 * dev.cyclone.locks.LoopOwner}) and every method must be called on that loop's thread; a call from
 * anywhere else fails with {@code [LoopConfined]}. Futures complete on that loop, and, as always with
 * {@code CompletableFuture}, their dependents run inside the call that completed them (a waiter
 * woken by {@code release()} runs before {@code release()} returns). Each operation finishes
 * updating its own state before it wakes anyone, so such re-entrant calls are safe.
 */
package dev.cyclone.locks;
