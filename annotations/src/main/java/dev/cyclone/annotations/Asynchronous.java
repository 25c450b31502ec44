package dev.cyclone.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * Marks a {@code void} verb method of a {@code RequestHandler} as callback style, Tornado's
 * {@code @tornado.web.asynchronous}: the request stays open after the method returns, until the
 * handler calls {@code finish()} (or {@code sendError}, {@code redirect}, ...), typically from a
 * callback that runs later on the same event loop.
 *
 * <pre>{@code
 * @Asynchronous
 * public void get() {
 *   client.fetch(url, response -> {
 *     write("In callback method");
 *     finish();
 *   });
 * }
 * }</pre>
 *
 * <p>An exception thrown by the method, or by a callback the handler scheduled through Cyclone
 * while serving the request, is answered through {@code writeError} (500).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Asynchronous {
  /**
   * How long the request may stay open without {@code finish()}; after that it is answered 503 and
   * the handler's {@code onTimeout()} is called. Zero (the default) waits forever, as Tornado does.
   */
  long timeout() default 0;

  /** The unit of {@link #timeout()}. */
  TimeUnit unit() default TimeUnit.MILLISECONDS;
}
