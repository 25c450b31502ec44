package dev.cyclone.web;

import io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import java.util.Objects;

/**
 * The attributes of a cookie besides its name and value (Tornado's {@code set_cookie} keyword
 * arguments): path ({@code /} by default), domain, lifetime in days (none: a session cookie),
 * {@code Secure}, {@code HttpOnly} and {@code SameSite}. Immutable; each {@code with} method
 * returns a copy:
 *
 * <pre>{@code
 * setSignedCookie("user", name, CookieOptions.defaults().expiresDays(14).httpOnly(true).secure(true));
 * }</pre>
 *
 * Used by {@link RequestHandler#setCookie(String, String, CookieOptions)}, {@link
 * RequestHandler#setSignedCookie(String, String, CookieOptions)} and {@link
 * AppSettings.Builder#xsrfCookieOptions(CookieOptions)}.
 */
public final class CookieOptions {
  private static final CookieOptions DEFAULTS = new CookieOptions("/", null, null, false, false, null);

  private final String path;
  private final String domain;
  private final Double expiresDays;
  private final boolean secure;
  private final boolean httpOnly;
  private final SameSite sameSite;

  private CookieOptions(
      String path, String domain, Double expiresDays, boolean secure, boolean httpOnly, SameSite sameSite) {
    this.path = path;
    this.domain = domain;
    this.expiresDays = expiresDays;
    this.secure = secure;
    this.httpOnly = httpOnly;
    this.sameSite = sameSite;
  }

  /** Path {@code /}, no domain, a session cookie, no Secure, HttpOnly or SameSite attribute. */
  public static CookieOptions defaults() {
    return DEFAULTS;
  }

  /** The cookie's {@code Path}. */
  public CookieOptions path(String path) {
    return new CookieOptions(Objects.requireNonNull(path, "path"), domain, expiresDays, secure, httpOnly, sameSite);
  }

  /** The cookie's {@code Domain}; null for none (the host that set it). */
  public CookieOptions domain(String domain) {
    return new CookieOptions(path, domain, expiresDays, secure, httpOnly, sameSite);
  }

  /**
   * How many days the browser keeps the cookie ({@code Max-Age} and {@code Expires}); fractions
   * allowed, 0 or less deletes it. This is the browser's lifetime only: a signed cookie's age is
   * checked separately when it is read ({@link RequestHandler#getSignedCookie(String, double)}).
   */
  public CookieOptions expiresDays(double days) {
    return new CookieOptions(path, domain, days, secure, httpOnly, sameSite);
  }

  /** A session cookie: no {@code Max-Age}, the browser drops it when it closes. */
  public CookieOptions sessionOnly() {
    return new CookieOptions(path, domain, null, secure, httpOnly, sameSite);
  }

  /** Whether the cookie is only sent over HTTPS ({@code Secure}). */
  public CookieOptions secure(boolean secure) {
    return new CookieOptions(path, domain, expiresDays, secure, httpOnly, sameSite);
  }

  /** Whether scripts in the page cannot read the cookie ({@code HttpOnly}). */
  public CookieOptions httpOnly(boolean httpOnly) {
    return new CookieOptions(path, domain, expiresDays, secure, httpOnly, sameSite);
  }

  /** The cookie's {@code SameSite} ({@code Lax}, {@code Strict}, {@code None}); null for none. */
  public CookieOptions sameSite(SameSite sameSite) {
    return new CookieOptions(path, domain, expiresDays, secure, httpOnly, sameSite);
  }

  /** The lifetime in days, or null for a session cookie. */
  public Double expiresDays() {
    return expiresDays;
  }

  /** A Netty cookie with these attributes, for {@link RequestHandler#setCookie(io.netty.handler.codec.http.cookie.Cookie)}. */
  public DefaultCookie toCookie(String name, String value) {
    DefaultCookie cookie = new DefaultCookie(name, value);
    cookie.setPath(path);
    cookie.setDomain(domain);
    if (expiresDays != null) {
      cookie.setMaxAge(Math.max(0, Math.round(expiresDays * 86_400)));
    }
    cookie.setSecure(secure);
    cookie.setHttpOnly(httpOnly);
    cookie.setSameSite(sameSite);
    return cookie;
  }

  @Override
  public String toString() {
    return "CookieOptions{path=" + path + ", domain=" + domain + ", expiresDays=" + expiresDays
        + ", secure=" + secure + ", httpOnly=" + httpOnly + ", sameSite=" + sameSite + "}";
  }
}
