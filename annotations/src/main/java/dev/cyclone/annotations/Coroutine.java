package dev.cyclone.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body is compiled, at build time, into a state machine that suspends at each
 * {@code Coroutines.await(future)} and resumes on the event loop when the future completes.
 *
 * <p>This is Cyclone's {@code async def} / {@code @gen.coroutine}. The method returns a
 * {@code CompletableFuture<T>} or {@code CompletionStage<T>} and reads as if {@code await} blocked:
 *
 * <pre>{@code
 * @Coroutine
 * CompletableFuture<byte[]> fetchImage(String url) {
 *   HTTPResponse response = await(client.fetch(url));
 *   return CompletableFuture.completedFuture(response.body());
 * }
 * }</pre>
 *
 * <p>For a class {@code p.Foo} with coroutines the processor generates {@code p.Foo_Coroutines
 * extends Foo}, overriding each coroutine with its compiled form. Create instances through it
 * ({@code new Foo_Coroutines()}), or let the framework do it for request handlers. Called on a
 * plain {@code Foo}, the uncompiled body fails at its first {@code await} with a message naming the
 * generated class.
 *
 * <p>A coroutine started on an event-loop thread runs synchronously on it until its first real
 * suspension and always resumes on that same loop; started from any other thread it is handed to
 * {@code IOLoop.current()}. Cancelling its future raises {@code CancellationException} once, at the
 * {@code await} where it is suspended, so its {@code finally} blocks run; awaits in those blocks
 * then work as usual (asyncio's rule), and whatever the body returns afterwards is dropped.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Coroutine {}
