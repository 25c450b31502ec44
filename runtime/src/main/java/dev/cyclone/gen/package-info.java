/**
 * The coroutine toolkit: Tornado's {@code tornado.gen}.
 *
 * <pre>{@code
 * await(Gen.sleep(Duration.ofMillis(100)));                       // pause without blocking
 * List<HTTPResponse> pages = await(Gen.multi(List.of(a, b, c)));  // all of them, in order
 * HTTPResponse page = await(Gen.withTimeout(Duration.ofSeconds(1), client.fetch(url)));
 * await(Gen.moment());                                            // let other callbacks run
 * }</pre>
 *
 * <p>{@link dev.cyclone.gen.WaitIterator} consumes futures in the order they complete.
 *
 * <p>Threads: every future returned here completes on the caller's loop ({@code
 * IOLoop.current()} when the method was called), whatever thread completes the futures it waits on.
 */
package dev.cyclone.gen;
