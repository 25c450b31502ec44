package dev.cyclone.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a verb method of a {@code RequestHandler} ({@code get}, {@code head}, {@code post}, {@code
 * put}, {@code patch}, {@code delete}, {@code options}) as needing a logged-in user, Tornado's
 * {@code @tornado.web.authenticated}. Before the method runs (after {@code prepare()}), the
 * handler's {@code currentUser()} is asked; when it is null:
 *
 * <ul>
 *   <li>a GET or HEAD is redirected (302) to the handler's {@code getLoginUrl()} (the {@code
 *       AppSettings.loginUrl} setting) with {@code ?next=<the request's URI>} appended ({@code
 *       &next=} when the login URL has a query already; the full URL when the login URL is
 *       absolute);
 *   <li>any other method is answered 403;
 *   <li>with no login URL configured, the request fails with 500 and a log line naming {@code
 *       AppSettings.loginUrl}.
 * </ul>
 *
 * <pre>{@code
 * public class AccountHandler extends RequestHandler {
 *   @Override
 *   protected Object getCurrentUser() {
 *     return getSignedCookie("user");
 *   }
 *
 *   @Authenticated
 *   public void get() {
 *     write("Hello, " + currentUser());
 *   }
 * }
 * }</pre>
 *
 * <p>The annotation processor writes the check into the handler's generated dispatcher and
 * rejects the annotation anywhere else (a method that is not a verb, a class that is not a request
 * handler) with {@code [AuthenticatedPlacement]}. Like every method annotation it is not inherited:
 * a subclass that overrides an {@code @Authenticated} verb must mark its override too. It is kept
 * at run time so that a handler compiled without the processor (served by reflection) is checked
 * as well.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Authenticated {}
