package dev.cyclone.web;

import dev.cyclone.httpserver.HTTPConnection;
import dev.cyclone.httpserver.HTTPFile;
import dev.cyclone.httpserver.HTTPServerRequest;
import dev.cyclone.httpserver.ResponseHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base class of request handlers (Tornado's {@code tornado.web.RequestHandler}). Subclass it
 * and declare a method per HTTP verb you serve — {@code get}, {@code head}, {@code post}, {@code
 * put}, {@code delete}, {@code patch}, {@code options} — taking one String per group of the route's
 * pattern:
 *
 * <pre>{@code
 * public class StoryHandler extends RequestHandler {
 *   public void get(String storyId) {
 *     write("You requested the story " + storyId);
 *   }
 * }
 * }</pre>
 *
 * <p>A verb method is written in one of three styles. A plain {@code void} method: the response is
 * finished when it returns. An {@code @Asynchronous void} method: the response stays open until the
 * handler calls {@link #finish()}. A method returning a {@code CompletionStage} (typically a
 * {@code @Coroutine}): the response is finished when the stage completes. An exception, or a failed
 * stage, is answered through {@link #writeError} (500, or an {@link HTTPError}'s status). A verb the
 * class does not declare is answered 405 with an {@code Allow} header.
 *
 * <p>Lifecycle, in order: constructor, {@link #initialize(Map)}, {@link #prepare()}, the verb
 * method, {@link #onFinish()}; {@link #onConnectionClose()} if the client goes away first. One
 * instance serves one request. Everything runs on the request's connection loop, and the output
 * methods fail when called from another thread: hand work back with {@code IOLoop.addCallback}.
 */
public abstract class RequestHandler {
  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
  // Header names and fixed values as AsciiString: Netty copies their bytes into the response as
  // they are, where a String is encoded character by character.
  private static final AsciiString SERVER = AsciiString.cached("Cyclone/0.1");
  private static final AsciiString TEXT_HTML = AsciiString.cached("text/html; charset=UTF-8");

  private Application application;
  private HandlerDispatcher<?> dispatcher;
  private HTTPServerRequest request;
  private PathArguments pathArguments = PathArguments.NONE;

  private int status;
  private String reason;
  /** The status and reason as the connection sends them. */
  private HttpResponseStatus statusLine;
  /**
   * The response headers; null until first needed (a header set, or the response sent), so that a
   * request held open before its handler sets anything carries no header map.
   */
  private HttpHeaders headers;
  /** Set-Cookie values, in the order set; null until the first. */
  private List<String> newCookies;
  /** The body written since the last flush (null while empty), moved to a pooled buffer to send. */
  private ResponseBody body;
  private boolean headersWritten;
  private boolean finished;
  /** Created when first asked for: only an {@code @Asynchronous} verb waits on it. */
  private CompletableFuture<Void> finishFuture;
  /** {@link #currentUser()}'s value once known (null is a value: nobody logged in). */
  private Object currentUser;
  private boolean currentUserKnown;
  /** The request's XSRF token, raw and as written into pages; null until first needed. */
  private Xsrf.Token rawXsrfToken;
  private String xsrfToken;
  /** Set when the headers go out if the response is gzipped ({@link AppSettings#compressResponse}). */
  private GzipContentEncoding gzip;

  /** Handlers are created by the framework, once per request, with no arguments. */
  protected RequestHandler() {}

  /** Called by the framework before {@link #initialize}: binds the handler to its request. */
  final void attach(Application application, HTTPServerRequest request, PathArguments args) {
    attach(application, null, request, args);
  }

  /** As above, with the dispatcher that created the handler. */
  final void attach(
      Application application,
      HandlerDispatcher<?> dispatcher,
      HTTPServerRequest request,
      PathArguments args) {
    this.application = application;
    this.dispatcher = dispatcher;
    this.request = request;
    this.pathArguments = args;
    clear();
  }

  // ---- Hooks ---------------------------------------------------------------------------------

  /**
   * Called first, with the route's {@code initArgs} (empty when it has none); the place to take
   * per-route values such as a database handle. On the request's loop.
   */
  protected void initialize(Map<String, Object> args) {}

  /**
   * Called after {@link #initialize} and before the verb method, for every method: the place for
   * common checks. If it finishes the request (for example with {@link #redirect} or by throwing
   * {@link HTTPError}), the verb method is not called. On the request's loop.
   */
  protected void prepare() throws Exception {}

  /**
   * Sets headers every response of this handler carries, errors included (Tornado's {@code
   * set_default_headers}): called with the response's defaults in place, before the handler sets
   * its own, and again when {@link #sendError} starts the response over. On the request's loop.
   * For example {@code setHeader("X-Frame-Options", "DENY")}.
   */
  protected void setDefaultHeaders() {}

  /**
   * Called after the response is finished (for logging, cleanup); nothing can be written any
   * more. On the request's loop.
   */
  protected void onFinish() {}

  /**
   * Called when the client closes the connection before the response is finished, so that
   * long-running work can stop. Later writes are dropped. On the request's loop.
   */
  protected void onConnectionClose() {}

  /**
   * Called on the request's loop when an {@code @Asynchronous(timeout = ...)} verb has not called
   * {@code finish()} in time, just before the request is answered 503. Release what the pending
   * callback holds here; its later writes are dropped.
   */
  protected void onTimeout() {}

  /**
   * The ETag of a response sent in one piece (Tornado's {@code compute_etag}): called by {@link
   * #finish()} on the request's loop for a 200 answer to GET or HEAD that has no {@code Etag}
   * header yet. A client's matching {@code If-None-Match} then turns the answer into a 304. The
   * default is a 64-bit hash of the body ({@code XXH64}; Tornado's is SHA-1) as 16 hex digits,
   * quoted. Return null to send no ETag (and skip the hashing), or your own quoted tag (a version,
   * say); {@link #bodyWritten()} is the body.
   */
  protected CharSequence computeEtag() {
    return body == null ? Etags.of(null, 0) : Etags.of(body.array(), body.size());
  }

  /**
   * A copy of the body written since the last flush: what {@link #computeEtag()} may hash. Empty
   * when nothing was written.
   */
  protected final byte[] bodyWritten() {
    return body == null ? new byte[0] : body.toArray();
  }

  /**
   * Writes the body of an error response; called by {@link #sendError} after the status and a
   * clean set of headers have been set, on the request's loop. The default writes a small HTML
   * page, or the stack trace as text when the {@code serveTraceback} setting (debug) is on and
   * {@code exc} is known. Override to render your own error pages.
   *
   * @param exc the exception that caused the error, or null
   */
  protected void writeError(int status, Throwable exc) {
    if (exc != null && application.settings().serveTraceback()) {
      setHeader("Content-Type", "text/plain; charset=UTF-8");
      write(ErrorPage.traceback(exc));
    } else {
      write(ErrorPage.html(status, reason));
    }
  }

  // ---- Request -------------------------------------------------------------------------------

  /** The application serving this request. */
  public final Application application() {
    return application;
  }

  /** The request being served. */
  public final HTTPServerRequest request() {
    return request;
  }

  /**
   * The dispatcher that created this handler and calls its methods: the processor's generated
   * {@code Foo_Dispatcher}, or the reflective fallback. Null for a handler the framework made to
   * answer an error. For handler base classes that call methods their subclasses declare, as
   * {@code WebSocketHandler} calls {@code open} and {@code onMessage}.
   */
  protected final HandlerDispatcher<?> dispatcher() {
    return dispatcher;
  }

  /** What the route's pattern captured from the path. */
  public final PathArguments pathArguments() {
    return pathArguments;
  }

  /**
   * The last value of the query or body argument {@code name}, whitespace-stripped; a missing
   * argument fails with {@link MissingArgumentError}, which answers 400.
   */
  public final String getArgument(String name) {
    return Arguments.required(request.arguments(), name);
  }

  /** The last value of the query or body argument {@code name}, or {@code defaultValue}. */
  public final String getArgument(String name, String defaultValue) {
    return Arguments.optional(request.arguments(), name, defaultValue);
  }

  /** Every value of the query or body argument {@code name}; empty if there is none. */
  public final List<String> getArguments(String name) {
    return Arguments.all(request.arguments(), name);
  }

  /** As {@link #getArgument(String)}, from the query string only. */
  public final String getQueryArgument(String name) {
    return Arguments.required(request.queryArguments(), name);
  }

  /** As {@link #getArgument(String, String)}, from the query string only. */
  public final String getQueryArgument(String name, String defaultValue) {
    return Arguments.optional(request.queryArguments(), name, defaultValue);
  }

  /** As {@link #getArguments(String)}, from the query string only. */
  public final List<String> getQueryArguments(String name) {
    return Arguments.all(request.queryArguments(), name);
  }

  /** As {@link #getArgument(String)}, from a form body (urlencoded or multipart) only. */
  public final String getBodyArgument(String name) {
    return Arguments.required(request.bodyArguments(), name);
  }

  /** As {@link #getArgument(String, String)}, from a form body only. */
  public final String getBodyArgument(String name, String defaultValue) {
    return Arguments.optional(request.bodyArguments(), name, defaultValue);
  }

  /** As {@link #getArguments(String)}, from a form body only. */
  public final List<String> getBodyArguments(String name) {
    return Arguments.all(request.bodyArguments(), name);
  }

  /** The files uploaded in a multipart body, by field name. */
  public final Map<String, List<HTTPFile>> files() {
    return request.files();
  }

  /** The request's cookies, by name. */
  public final Map<String, String> cookies() {
    return request.cookies();
  }

  /** The value of the cookie {@code name}, or null. */
  public final String getCookie(String name) {
    return request.cookies().get(name);
  }

  /** The value of the cookie {@code name}, or {@code defaultValue}. */
  public final String getCookie(String name, String defaultValue) {
    return request.cookies().getOrDefault(name, defaultValue);
  }

  /** The path of the route named {@code name} (see {@link Application#reverseUrl}). */
  public final String reverseUrl(String name, Object... args) {
    return application.reverseUrl(name, args);
  }

  // ---- Response headers ------------------------------------------------------------------------

  /** Sets the status with its standard reason phrase ({@code Unknown} for a code without one). */
  public final void setStatus(int status) {
    setStatus(status, null);
  }

  /**
   * Sets the status and reason phrase (null: the standard one). CR and LF in the reason become
   * spaces. Fails with an {@link IllegalArgumentException} for a code outside 100–599.
   */
  public final void setStatus(int status, String reason) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("[StatusCode] status must be in 100..599, got " + status);
    }
    this.status = status;
    this.reason =
        reason == null ? StatusReasons.of(status) : reason.replace('\r', ' ').replace('\n', ' ');
    this.statusLine = StatusReasons.status(status, this.reason);
  }

  /** The status set so far (200 unless changed). */
  public final int getStatus() {
    return status;
  }

  /**
   * Sets a response header, replacing any value it had. Dates ({@code Instant}, {@code Date}) are
   * written as HTTP dates, other values with {@code toString()}. A CR or LF in the name or value
   * fails with an {@link IllegalArgumentException}: it would split the header.
   */
  public final void setHeader(String name, Object value) {
    headers().set(HeaderValues.name(name), HeaderValues.value(name, value));
  }

  /** Adds a value to a response header that may have several (as {@link #setHeader}). */
  public final void addHeader(String name, Object value) {
    headers().add(HeaderValues.name(name), HeaderValues.value(name, value));
  }

  /** Removes a response header. */
  public final void clearHeader(String name) {
    headers().remove(name);
  }

  /**
   * Resets the response: status 200, the default headers ({@code Server}, {@code Content-Type:
   * text/html; charset=UTF-8}), and an empty body buffer. Cookies set so far are kept.
   */
  public void clear() {
    headers = null; // the defaults are filled in when the headers are first needed
    body = null;
    setStatus(200);
  }

  /** Sets the cookie {@code name} for the whole site ({@code Path=/}). */
  public final void setCookie(String name, String value) {
    DefaultCookie cookie = new DefaultCookie(name, value);
    cookie.setPath("/");
    setCookie(cookie);
  }

  /**
   * Sets a cookie with all its attributes (domain, path, max age, HttpOnly, Secure, SameSite).
   * Fails with an {@link IllegalArgumentException} for characters a cookie cannot hold.
   */
  public final void setCookie(Cookie cookie) {
    if (newCookies == null) {
      newCookies = new ArrayList<>(2);
    }
    newCookies.add(ServerCookieEncoder.STRICT.encode(cookie));
  }

  /**
   * Sets the cookie {@code name} with the attributes of {@code options} (path, domain, lifetime,
   * Secure, HttpOnly, SameSite). On the request's loop, before the headers are flushed.
   */
  public final void setCookie(String name, String value, CookieOptions options) {
    setCookie(options.toCookie(name, value));
  }

  /** Deletes the cookie {@code name} of path {@code /}. */
  public final void clearCookie(String name) {
    clearCookie(name, "/", null);
  }

  /** Deletes the cookie {@code name} of {@code path} and {@code domain} (null: none). */
  public final void clearCookie(String name, String path, String domain) {
    DefaultCookie cookie = new DefaultCookie(name, "");
    cookie.setPath(path);
    cookie.setDomain(domain);
    cookie.setMaxAge(0);
    setCookie(cookie);
  }

  /** Deletes every cookie the request carried (of path {@code /}). */
  public final void clearAllCookies() {
    for (String name : request.cookies().keySet()) {
      clearCookie(name);
    }
  }

  // ---- Signed cookies, XSRF, current user (see SignedValues, Xsrf, LoginGuard) ---------------

  /**
   * Sets a cookie that cannot be forged (Tornado's {@code set_secure_cookie}): {@code value} signed
   * and timestamped with the application's {@code AppSettings.cookieSecret}, kept by the browser
   * for 30 days. It is readable by the client (signed, not encrypted). Read it back with {@link
   * #getSignedCookie(String)} on a later request. On the request's loop; fails with an {@link
   * IllegalStateException} when no cookie secret is set.
   */
  public final void setSignedCookie(String name, String value) {
    setSignedCookie(name, value, 30);
  }

  /** As {@link #setSignedCookie(String, String)}, kept by the browser for {@code expiresDays}. */
  public final void setSignedCookie(String name, String value, double expiresDays) {
    setSignedCookie(name, value, CookieOptions.defaults().expiresDays(expiresDays));
  }

  /**
   * As {@link #setSignedCookie(String, String)}, with the cookie's attributes ({@link
   * CookieOptions#sessionOnly()} for a cookie the browser drops when it closes).
   */
  public final void setSignedCookie(String name, String value, CookieOptions options) {
    setCookie(options.toCookie(name, createSignedValue(name, value)));
  }

  /**
   * The value of the signed cookie {@code name} if the request carries a genuine one signed at most
   * 31 days ago, else null (a missing, tampered, expired, malformed or unknown-key cookie alike; the
   * reason is logged at DEBUG). On the request's loop; fails with an {@link IllegalStateException}
   * when no cookie secret is set.
   */
  public final String getSignedCookie(String name) {
    return getSignedCookie(name, SignedValues.DEFAULT_MAX_AGE_DAYS);
  }

  /** As {@link #getSignedCookie(String)}, accepting cookies signed at most {@code maxAgeDays} ago. */
  public final String getSignedCookie(String name, double maxAgeDays) {
    return decodeSignedValue(name, getCookie(name), maxAgeDays);
  }

  /**
   * {@code value} signed for {@code name} with the application's secret (Tornado's {@code
   * create_signed_value}), to carry elsewhere than in a cookie; {@link
   * AppSettings#signedValues()} does the same without a handler.
   */
  public final String createSignedValue(String name, String value) {
    return signer().create(name, value);
  }

  /**
   * The value {@link #createSignedValue} signed for {@code name} at most 31 days ago, or null (as
   * a signed cookie).
   */
  public final String decodeSignedValue(String name, String signed) {
    return decodeSignedValue(name, signed, SignedValues.DEFAULT_MAX_AGE_DAYS);
  }

  /** As {@link #decodeSignedValue(String, String)}, signed at most {@code maxAgeDays} ago. */
  public final String decodeSignedValue(String name, String signed, double maxAgeDays) {
    return signer().decode(name, signed, maxAgeDays);
  }

  private SignedValues signer() {
    SignedValues signer = application.settings().signedValues();
    if (signer == null) {
      throw new IllegalStateException("[CookieSecret] signed cookies need a secret: set"
          + " AppSettings.builder().cookieSecret(secret) (or cookieSecrets(secrets, version) to"
          + " rotate keys), with a long random secret kept out of the source");
    }
    return signer;
  }

  /**
   * The XSRF token of this request (Tornado's {@code xsrf_token}), to send back with a POST, PUT,
   * PATCH or DELETE as the {@code _xsrf} argument or an {@code X-XSRFToken} header. Sets the {@code
   * _xsrf} cookie (with {@code AppSettings.xsrfCookieOptions}) when the request had none; masked
   * differently on each request. On the request's loop, before the headers are flushed.
   */
  public final String xsrfToken() {
    if (xsrfToken == null) {
      Xsrf.Token raw = rawXsrfToken();
      xsrfToken = Xsrf.encode(raw);
      if (raw.version() == 0) {
        CookieOptions options = application.settings().xsrfCookieOptions();
        if (options.expiresDays() == null && currentUser() != null) {
          options = options.expiresDays(30); // as Tornado: a logged-in user's token outlives the session
        }
        setCookie(Xsrf.NAME, xsrfToken, options);
      }
    }
    return xsrfToken;
  }

  /**
   * {@code <input type="hidden" name="_xsrf" value="...">} with {@link #xsrfToken()}: put it in
   * every form that posts to this application. On the request's loop.
   */
  public final String xsrfFormHtml() {
    return Xsrf.formHtml(xsrfToken());
  }

  /**
   * Checks that the request carries the XSRF token of its {@code _xsrf} cookie, as the {@code
   * _xsrf} argument (query or form body) or the {@code X-XSRFToken} or {@code X-CSRFToken} header;
   * fails with a 403 {@link HTTPError} otherwise. Called on the request's loop before {@link
   * #prepare()} for every POST, PUT, PATCH and DELETE when {@code AppSettings.xsrfCookies} is on
   * (as Tornado does). Override to exempt a handler (an API authenticated by other means) or to
   * check differently.
   */
  protected void checkXsrfCookie() {
    String submitted = getArgument(Xsrf.NAME, null);
    if (submitted == null || submitted.isEmpty()) {
      submitted = request.headers().get("X-XSRFToken");
    }
    if (submitted == null || submitted.isEmpty()) {
      submitted = request.headers().get("X-CSRFToken");
    }
    if (submitted == null || submitted.isEmpty()) {
      throw new HTTPError(403, "'_xsrf' argument missing from %s", request.method())
          .reason("XSRF token missing");
    }
    Xsrf.Token token = Xsrf.decode(submitted);
    if (token == null || token.token().length == 0) {
      throw new HTTPError(403, "'_xsrf' argument has invalid format").reason("XSRF token malformed");
    }
    if (!Xsrf.matches(token, rawXsrfToken())) {
      throw new HTTPError(403, "XSRF cookie does not match %s argument", request.method())
          .reason("XSRF token does not match the _xsrf cookie");
    }
  }

  /** The token of the {@code _xsrf} cookie, or a new one when it has none (or none readable). */
  private Xsrf.Token rawXsrfToken() {
    if (rawXsrfToken == null) {
      Xsrf.Token fromCookie = Xsrf.decode(getCookie(Xsrf.NAME));
      rawXsrfToken = fromCookie != null && fromCookie.token().length > 0 ? fromCookie : Xsrf.generate();
    }
    return rawXsrfToken;
  }

  /**
   * Who is logged in, or null (Tornado's {@code get_current_user}): override to read it, typically
   * from a signed cookie ({@code return getSignedCookie("user");}). Called at most once per request,
   * through {@link #currentUser()}, on the request's loop. To look the user up asynchronously, do it
   * in a {@code @Coroutine prepare()} and call {@link #setCurrentUser} instead.
   */
  protected Object getCurrentUser() {
    return null;
  }

  /**
   * The logged-in user: what {@link #setCurrentUser} set, else what {@link #getCurrentUser()}
   * returns (asked once, then kept for the request). Null when nobody is logged in. On the
   * request's loop.
   */
  public final Object currentUser() {
    if (!currentUserKnown) {
      currentUser = getCurrentUser();
      currentUserKnown = true;
    }
    return currentUser;
  }

  /**
   * {@link #currentUser()} as a {@code type} (null when nobody is logged in); fails with a {@link
   * ClassCastException} naming both types when it is something else.
   */
  public final <T> T currentUser(Class<T> type) {
    Object user = currentUser();
    if (user != null && !type.isInstance(user)) {
      throw new ClassCastException("[CurrentUserType] the current user is a " + user.getClass().getName()
          + ", not a " + type.getName() + "; see getCurrentUser() and setCurrentUser()");
    }
    return type.cast(user);
  }

  /**
   * Sets the logged-in user for this request (null: nobody), so that {@link #getCurrentUser()} is
   * not called; typically from an asynchronous {@code prepare()}. On the request's loop.
   */
  public final void setCurrentUser(Object user) {
    currentUser = user;
    currentUserKnown = true;
  }

  /**
   * Where {@code @Authenticated} verbs send visitors who are not logged in: {@code
   * AppSettings.loginUrl} by default (null when unset). Override to choose per handler. On the
   * request's loop.
   */
  protected String getLoginUrl() {
    return application.settings().loginUrl();
  }

  // ---- Response body -------------------------------------------------------------------------

  /** Appends text (UTF-8) to the response body; sent at {@link #flush()} or {@link #finish()}. */
  public final void write(String chunk) {
    checkWrite();
    body().write(chunk);
  }

  /** Appends bytes to the response body. Fails after {@link #finish()}. */
  public final void write(byte[] chunk) {
    checkWrite();
    body().write(chunk);
  }

  private void checkWrite() {
    checkLoop("write");
    if (finished) {
      throw new IllegalStateException("[WriteAfterFinish] Cannot write() after finish()");
    }
  }

  private ResponseBody body() {
    if (body == null) {
      body = new ResponseBody();
    }
    return body;
  }

  private int bodySize() {
    return body == null ? 0 : body.size();
  }

  /**
   * Writes {@code value} as the JSON response and sets {@code Content-Type: application/json}.
   * (A bare JSON list is not offered, as in Tornado: wrap it in an object.)
   */
  public final void write(Map<String, ?> value) {
    writeJson(value);
  }

  /** Writes a record as the JSON response, as {@link #write(Map)}. */
  public final void write(Record value) {
    writeJson(value);
  }

  // ---- Templates and static URLs ------------------------------------------------------------

  /**
   * Renders template {@code name} (a jte template, such as {@code "items.jte"}: see {@link
   * Templates}) with {@code params} and finishes the response with it, as Tornado's {@code
   * render}. The handler itself is passed too, as {@code handler}, for a template that declares
   * {@code @param dev.cyclone.web.RequestHandler handler} (or its own handler class) to call
   * {@code handler.staticUrl(...)}, {@code handler.reverseUrl(...)} and the like. The body is
   * HTML, escaped where the template writes values; {@code Content-Type} stays {@code text/html}
   * unless set. Call it on the request's loop, once, instead of {@link #finish()}.
   */
  public final CompletableFuture<Void> render(String name, Map<String, ?> params) {
    write(renderString(name, params));
    return finish();
  }

  /** Renders template {@code name} whose one {@code @param} is {@code model}, and finishes; as above. */
  public final CompletableFuture<Void> render(String name, Object model) {
    write(renderString(name, model));
    return finish();
  }

  /** Renders template {@code name} with {@code params} (and {@code handler}) to a string. */
  public final String renderString(String name, Map<String, ?> params) {
    Map<String, Object> withHandler = new java.util.HashMap<>(params);
    withHandler.putIfAbsent("handler", this);
    return application.templates().render(name, withHandler);
  }

  /** Renders template {@code name} whose one {@code @param} is {@code model} to a string. */
  public final String renderString(String name, Object model) {
    return application.templates().render(name, model);
  }

  /**
   * The URL of static file {@code path} with a version argument, {@code /static/site.css?v=...}
   * (Tornado's {@code static_url}): the version is a hash of the file's content, so the URL
   * changes when the file does, and the file can be cached for ever (see {@link
   * StaticFileHandler}). Needs {@link AppSettings#staticPath()}.
   */
  public final String staticUrl(String path) {
    return application.staticUrls().url(path);
  }

  private void writeJson(Object value) {
    byte[] json = Json.encode(value);
    setHeader("Content-Type", "application/json; charset=UTF-8");
    write(json);
  }

  /**
   * Sends what was written so far: the headers on the first call, then the buffered body (chunked
   * unless a Content-Length was set). The future completes when the bytes have been written to the
   * socket, so a handler streaming a large body can wait on it instead of filling memory; it fails
   * if the client is gone.
   */
  public final CompletableFuture<Void> flush() {
    checkLoop("flush");
    if (finished) {
      throw new IllegalStateException("[FlushAfterFinish] Cannot flush() after finish()");
    }
    return send(false);
  }

  /** Writes {@code chunk} and finishes: {@code write(chunk); finish()}. */
  public final CompletableFuture<Void> finish(String chunk) {
    write(chunk);
    return finish();
  }

  /**
   * Finishes the response: sends headers (with an ETag and a Content-Length, when nothing was
   * flushed yet; a matching If-None-Match turns a 200 into a 304) and the rest of the body, then
   * calls {@link #onFinish()}. A plain verb method needs not call it: returning finishes. Calling
   * it twice fails with an {@link IllegalStateException}.
   */
  public final CompletableFuture<Void> finish() {
    return finish(true);
  }

  /**
   * {@link #finish()} by the framework, for a verb that returned without finishing: nobody asks
   * when this response is written, so the connection makes no future for it.
   */
  final void finishUnobserved() {
    finish(false);
  }

  /** Finishes; answers when the response is written if {@code observed}, else maybe null. */
  private CompletableFuture<Void> finish(boolean observed) {
    checkLoop("finish");
    if (finished) {
      throw new IllegalStateException("[FinishTwice] finish() called twice");
    }
    HTTPConnection connection = request.connection();
    CompletableFuture<Void> done;
    if (!headersWritten) {
      // Nothing was flushed: the whole response goes out as one message.
      prepareFinalHeaders();
      headersWritten = true;
      finished = true;
      if (connection.isClosed()) {
        body = null;
        done = CompletableFuture.completedFuture(null);
      } else {
        ByteBuf whole = gzip == null ? takeBody(true) : gzip.encode(takeBody(true), true);
        if (observed) {
          done = connection.writeResponse(statusLine, headersWithCookies(), whole);
        } else {
          connection.sendResponse(statusLine, headersWithCookies(), whole);
          done = null;
        }
      }
    } else {
      send(true);
      finished = true;
      done = connection.isClosed() ? CompletableFuture.completedFuture(null) : connection.finish();
    }
    try {
      onFinish();
    } catch (Throwable t) {
      log.error("Exception in onFinish for {}", request.summary(), t);
    }
    completeFinishFuture();
    return done;
  }

  /**
   * ETag, 304, and the representation headers of a response sent in one piece; the connection
   * adds its Content-Length.
   */
  private void prepareFinalHeaders() {
    HttpHeaders out = headers();
    String method = request.method();
    gzip = startCompression(bodySize());
    if (status == 200
        && (method.equals("GET") || method.equals("HEAD"))
        && !out.contains(HttpHeaderNames.ETAG)) {
      CharSequence etag = computeEtag();
      if (etag != null && gzip != null) {
        etag = GzipContentEncoding.etag(etag.toString()); // another representation, another tag
      }
      if (etag != null) {
        // the default's bytes go in as they are; an override's text is checked like any header
        out.set(
            ResponseHeaders.ETAG,
            etag instanceof AsciiString ? etag : HeaderValues.format("Etag", etag));
        String ifNoneMatch = request.headers().get(HttpHeaderNames.IF_NONE_MATCH);
        if (ifNoneMatch != null && Etags.matches(ifNoneMatch, etag.toString())) {
          body = null;
          gzip = null;
          setStatus(304);
        }
      }
    }
    if (status == 204 || status == 304 || status < 200) {
      if (bodySize() > 0) {
        throw new IllegalStateException(
            "[BodyNotAllowed] Cannot send a body with status " + status);
      }
      out.remove(HttpHeaderNames.CONTENT_LENGTH);
      out.remove(HttpHeaderNames.CONTENT_ENCODING);
      out.remove(HttpHeaderNames.CONTENT_LANGUAGE);
      out.remove(HttpHeaderNames.CONTENT_TYPE);
    }
  }

  /** A future that completes when {@link #finish()} is called: what an @Asynchronous verb awaits. */
  public final CompletableFuture<Void> finishFuture() {
    if (finishFuture == null) {
      finishFuture = finished ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
    }
    return finishFuture;
  }

  /** The future of {@link #finishFuture()} if it was asked for, otherwise null. */
  final CompletableFuture<Void> finishFutureIfCreated() {
    return finishFuture;
  }

  private void completeFinishFuture() {
    if (finishFuture != null) {
      finishFuture.complete(null);
    }
  }

  /**
   * Takes the connection over from HTTP (Tornado's {@code RequestHandler.detach}), for a protocol
   * that tunnels over an HTTP handshake such as WebSocket; see {@link HTTPConnection#detach}.
   * Call it on the request's loop, before anything was flushed. The request counts as finished
   * from then on ({@link #onFinish()} is not called); the caller owns the channel and writes the
   * handshake's answer on it.
   */
  protected final Channel detach(ChannelHandler... handlers) {
    checkLoop("detach");
    if (finished || headersWritten) {
      throw new IllegalStateException("[DetachAfterResponse] detach() must come before any output");
    }
    Channel channel = request.connection().detach(handlers);
    finished = true;
    headersWritten = true;
    body = null;
    headers = null; // the response is over: a long-lived socket keeps none of it
    newCookies = null;
    completeFinishFuture();
    return channel;
  }

  /**
   * The response headers set so far, with a {@code Set-Cookie} line for each cookie set, for a
   * protocol that answers its own handshake after {@link #detach} (WebSocket's 101 carries them,
   * as Tornado's does): the default {@code Server}, what {@link #setDefaultHeaders()} and {@code
   * prepare()} set, and the cookies. The representation headers ({@code Content-*}) describe a
   * body that a handshake does not have, and are left out. Call it on the request's loop.
   */
  protected final List<Map.Entry<String, String>> upgradeHeaders() {
    checkLoop("upgradeHeaders");
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Map.Entry<String, String> h : headers().entries()) {
      if (!h.getKey().regionMatches(true, 0, "Content-", 0, 8)) {
        out.add(h);
      }
    }
    if (newCookies != null) {
      for (String cookie : newCookies) {
        out.add(Map.entry("Set-Cookie", cookie));
      }
    }
    return out;
  }

  /** True once {@link #finish()} was called (or the request was otherwise answered). */
  public final boolean isFinished() {
    return finished;
  }

  /** Redirects with 302 Found to {@code url}, and finishes. */
  public final void redirect(String url) {
    redirect(url, 302);
  }

  /** Redirects with 301 (permanent) or 302 to {@code url}, and finishes. */
  public final void redirect(String url, boolean permanent) {
    redirect(url, permanent ? 301 : 302);
  }

  /**
   * Redirects with {@code status} (3xx) to {@code url}, and finishes. Fails if headers were
   * already flushed, or if the URL holds CR or LF.
   */
  public final void redirect(String url, int status) {
    if (headersWritten) {
      throw new IllegalStateException(
          "[RedirectAfterFlush] Cannot redirect after headers have been written");
    }
    if (status < 300 || status > 399) {
      throw new IllegalArgumentException("[RedirectStatus] a redirect needs a 3xx status, got " + status);
    }
    setHeader("Location", url);
    setStatus(status);
    finish();
  }

  /** Answers with an error page for {@code status} (see {@link #sendError(int, Throwable)}). */
  public final void sendError(int status) {
    sendError(status, null);
  }

  /**
   * Answers with an error: resets the response ({@link #clear()}), sets {@code status} (and the
   * reason and headers of an {@link HTTPError}), calls {@link #writeError}, and finishes. If the
   * headers were already flushed the error cannot be sent any more: the connection is closed, so
   * the client sees a truncated response rather than a complete-looking one.
   */
  public final void sendError(int status, Throwable exc) {
    checkLoop("sendError");
    if (headersWritten) {
      log.error("Cannot send error response after headers written: {}", request.summary());
      if (!finished) {
        finished = true;
        request.connection().abort();
        completeFinishFuture();
      }
      return;
    }
    clear();
    setStatus(status, exc instanceof HTTPError ? ((HTTPError) exc).reason() : null);
    if (exc instanceof HTTPError) {
      ((HTTPError) exc).headers().forEach(this::setHeader);
    }
    try {
      writeError(status, exc);
    } catch (Throwable t) {
      log.error("Uncaught exception in writeError for {}", request.summary(), t);
    }
    if (!finished) {
      finish();
    }
  }

  // ---- Plumbing ------------------------------------------------------------------------------

  private CompletableFuture<Void> send(boolean last) {
    HTTPConnection connection = request.connection();
    ByteBuf chunk = takeBody(false);
    if (!headersWritten) {
      headersWritten = true;
      gzip = startCompression(-1);
      if (gzip != null) {
        chunk = gzip.encode(chunk, last);
      }
      return connection.writeHeaders(statusLine, headersWithCookies(), chunk);
    }
    if (gzip != null && (chunk != null || last)) {
      chunk = gzip.encode(chunk, last);
    }
    return chunk == null ? CompletableFuture.completedFuture(null) : connection.write(chunk);
  }

  /**
   * The encoder of this response if it is to be gzipped, else null (see {@link
   * GzipContentEncoding#start}); {@code wholeLength} is -1 for a streamed response.
   */
  private GzipContentEncoding startCompression(long wholeLength) {
    if (application == null || !application.settings().compressResponse()) {
      return null;
    }
    return GzipContentEncoding.start(
        request.method(),
        request.headers().get(HttpHeaderNames.ACCEPT_ENCODING),
        status,
        headers(),
        wholeLength);
  }

  /**
   * Hands the body written so far over (null if none); the next write starts a new body. The body
   * of a {@code whole} response is a heap buffer over its array, which the encoder copies once into
   * the response; a flushed piece of a streamed one is a pooled buffer, as the socket wants. The
   * connection releases either once written.
   */
  private ByteBuf takeBody(boolean whole) {
    ResponseBody out = body;
    body = null;
    if (out == null) {
      return null;
    }
    return whole ? out.wrap() : out.toBuffer(ByteBufAllocator.DEFAULT);
  }

  private HttpHeaders headersWithCookies() {
    HttpHeaders out = headers();
    if (newCookies != null) {
      for (String cookie : newCookies) {
        out.add(ResponseHeaders.SET_COOKIE, cookie);
      }
    }
    return out;
  }

  /**
   * The response headers, created with the defaults ({@link #clear()}) on first use. They are not
   * validated again: every name and value a handler sets passes {@link HeaderValues#check},
   * cookies pass the strict cookie encoder, and the framework's own are constants.
   */
  private HttpHeaders headers() {
    HttpHeaders h = headers;
    if (h == null) {
      h = new ResponseHeaderList();
      h.set(ResponseHeaders.SERVER, SERVER);
      h.set(ResponseHeaders.CONTENT_TYPE, TEXT_HTML);
      headers = h;
      setDefaultHeaders(); // its setHeader calls find the map above
    }
    return h;
  }

  private void checkLoop(String method) {
    if (request != null && !request.connection().ioLoop().inLoop()) {
      throw new IllegalStateException(
          "[HandlerThread] "
              + method
              + "() was called on thread "
              + Thread.currentThread().getName()
              + "; a handler runs on its connection's loop: hand results back with"
              + " IOLoop.addCallback() or IOLoop.runInExecutor()");
    }
  }
}
