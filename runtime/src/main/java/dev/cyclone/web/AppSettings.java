package dev.cyclone.web;

import dev.cyclone.httpserver.HTTPServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Application}'s settings (Tornado's {@code **settings}). Immutable; build with {@link
 * #builder()}:
 *
 * <pre>{@code
 * AppSettings settings = AppSettings.builder().debug(true).staticPath(Path.of("static")).build();
 * }</pre>
 */
public final class AppSettings {
  private final boolean debug;
  private final Boolean serveTraceback;
  private final Class<? extends RequestHandler> defaultHandler;
  private final Map<String, Object> defaultHandlerArgs;
  private final Path staticPath;
  private final String staticUrlPrefix;
  private final HTTPServerOptions serverOptions;

  private final boolean cancelOnDisconnect;
  private final Boolean autoreload;
  private final Duration websocketPingInterval;
  private final Duration websocketPingTimeout;
  private final int websocketMaxMessageSize;
  private final long websocketMaxWriteBufferSize;
  private final boolean compressResponse;
  private final Path templatePath;

  private final SignedValues signedValues;
  private final boolean xsrfCookies;
  private final CookieOptions xsrfCookieOptions;
  private final String loginUrl;

  private AppSettings(Builder b) {
    this.debug = b.debug;
    this.serveTraceback = b.serveTraceback;
    this.defaultHandler = b.defaultHandler;
    this.defaultHandlerArgs = Map.copyOf(b.defaultHandlerArgs);
    this.staticPath = b.staticPath;
    this.staticUrlPrefix = b.staticUrlPrefix;
    this.serverOptions = b.logFunction == null
        ? b.serverOptions
        : b.serverOptions.toBuilder().accessLog(b.logFunction).build();
    this.cancelOnDisconnect = b.cancelOnDisconnect;
    this.autoreload = b.autoreload;
    this.websocketPingInterval = b.websocketPingInterval;
    this.websocketPingTimeout = b.websocketPingTimeout;
    this.websocketMaxMessageSize = b.websocketMaxMessageSize;
    this.websocketMaxWriteBufferSize = b.websocketMaxWriteBufferSize;
    this.compressResponse = b.compressResponse;
    this.templatePath = b.templatePath;
    this.signedValues = b.signedValues;
    this.xsrfCookies = b.xsrfCookies;
    this.xsrfCookieOptions = b.xsrfCookieOptions;
    this.loginUrl = b.loginUrl;
  }

  /**
   * The signer of signed cookies and values (Tornado's {@code cookie_secret}, with {@code
   * key_version}), or null when no secret is set: set one with {@link Builder#cookieSecret} or
   * {@link Builder#cookieSecrets}.
   */
  public SignedValues signedValues() {
    return signedValues;
  }

  /**
   * Whether POST, PUT, PATCH and DELETE requests must carry the {@code _xsrf} token (Tornado's
   * {@code xsrf_cookies}; default false). See {@link RequestHandler#checkXsrfCookie()}.
   */
  public boolean xsrfCookies() {
    return xsrfCookies;
  }

  /** The attributes of the {@code _xsrf} cookie (Tornado's {@code xsrf_cookie_kwargs}). */
  public CookieOptions xsrfCookieOptions() {
    return xsrfCookieOptions;
  }

  /**
   * Where {@code @Authenticated} verbs send visitors who are not logged in (Tornado's {@code
   * login_url}), or null when unset.
   */
  public String loginUrl() {
    return loginUrl;
  }

  /**
   * The directory of the {@code .jte} templates (Tornado's {@code template_path}), or null. In
   * {@link #debug()} mode templates are compiled from it and reloaded when they change; otherwise
   * the ones jte-maven-plugin compiled with the application are used, and this directory only for
   * a template that was not (see {@link Templates}).
   */
  public Path templatePath() {
    return templatePath;
  }

  /**
   * Whether responses are gzipped for clients that accept it (Tornado's {@code
   * compress_response}): {@code text/*}, JSON, JavaScript, XML and SVG bodies of at least 1 KiB
   * sent whole, and every such body streamed with {@code flush()}; never a range, a HEAD, a
   * 204/304 or a body that already has a {@code Content-Encoding}. Every response then carries
   * {@code Vary: Accept-Encoding}, and a gzipped one an ETag of its own. Off by default.
   */
  public boolean compressResponse() {
    return compressResponse;
  }

  /**
   * How often a {@code WebSocketHandler} pings its client (Tornado's {@code
   * websocket_ping_interval}); {@link Duration#ZERO}, the default, sends no pings.
   */
  public Duration websocketPingInterval() {
    return websocketPingInterval;
  }

  /**
   * How long a pinged WebSocket client may take to answer before the connection is closed
   * (Tornado's {@code websocket_ping_timeout}); {@link Duration#ZERO}, the default, means the ping
   * interval, or no limit without pings.
   */
  public Duration websocketPingTimeout() {
    return websocketPingTimeout;
  }

  /**
   * The largest WebSocket message a handler accepts, in bytes, whole after reassembly and
   * decompression (Tornado's {@code websocket_max_message_size}; 10 MiB by default). A larger
   * message closes the connection with 1009.
   */
  public int websocketMaxMessageSize() {
    return websocketMaxMessageSize;
  }

  /**
   * The most bytes of messages that may wait, unsent, for a WebSocket client that does not read
   * them (16 MiB by default; 0 for no limit, Tornado's default). A write that would pass it while
   * earlier ones still wait drops the connection, logged as {@code [WebSocketWriteBufferFull]}: a
   * stuck client in a busy room cannot make the server hold everything sent to it. One message
   * larger than the limit still goes to a client that has read the ones before. A handler that
   * awaits {@code writeMessage}'s future never gets there.
   */
  public long websocketMaxWriteBufferSize() {
    return websocketMaxWriteBufferSize;
  }

  /**
   * Whether a handler's pending work (a {@code @Coroutine} verb's future, a returned stage) is
   * cancelled when its client disconnects (default true): the coroutine gets a {@code
   * CancellationException} at its await, so its finally blocks run.
   */
  public boolean cancelOnDisconnect() {
    return cancelOnDisconnect;
  }

  /** The defaults: not debug, 404 for unknown paths, no static files. */
  public static AppSettings defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Development mode: error pages show the stack trace (see {@link #serveTraceback()}). */
  public boolean debug() {
    return debug;
  }

  /**
   * Development mode's restart on change (Tornado's {@code autoreload}): when on, {@link
   * Application#listen} watches the handlers' class directories and the static path, and a change
   * restarts the process on the same port ({@code dev.cyclone.autoreload.Autoreload}). Defaults to
   * {@link #debug()}.
   */
  public boolean autoreload() {
    return autoreload != null ? autoreload : debug;
  }

  /** Whether error pages include the stack trace; defaults to {@link #debug()}. */
  public boolean serveTraceback() {
    return serveTraceback != null ? serveTraceback : debug;
  }

  /** The handler for paths no route matches, or null for the built-in 404. */
  public Class<? extends RequestHandler> defaultHandler() {
    return defaultHandler;
  }

  /** The {@code initialize} arguments of {@link #defaultHandler()}. */
  public Map<String, Object> defaultHandlerArgs() {
    return defaultHandlerArgs;
  }

  /** A directory served under {@link #staticUrlPrefix()} by a {@link StaticFileHandler}, or null. */
  public Path staticPath() {
    return staticPath;
  }

  /** Where static files are served, {@code /static/} by default. */
  public String staticUrlPrefix() {
    return staticUrlPrefix;
  }

  /** The options {@link Application#listen} gives its server. */
  public HTTPServerOptions serverOptions() {
    return serverOptions;
  }

  /** Builds {@link AppSettings}. Not thread-safe. */
  public static final class Builder {
    private boolean debug;
    private Boolean serveTraceback;
    private Class<? extends RequestHandler> defaultHandler;
    private Map<String, ?> defaultHandlerArgs = Map.of();
    private Path staticPath;
    private String staticUrlPrefix = "/static/";
    private HTTPServerOptions serverOptions = HTTPServerOptions.defaults();
    private boolean cancelOnDisconnect = true;
    private Boolean autoreload;
    private Duration websocketPingInterval = Duration.ZERO;
    private Duration websocketPingTimeout = Duration.ZERO;
    private int websocketMaxMessageSize = 10 * 1024 * 1024;
    private long websocketMaxWriteBufferSize = 16L * 1024 * 1024;
    private boolean compressResponse;
    private Path templatePath;
    private SignedValues signedValues;
    private boolean xsrfCookies;
    private CookieOptions xsrfCookieOptions = CookieOptions.defaults();
    private String loginUrl;
    private dev.cyclone.httpserver.AccessLogger logFunction;

    private Builder() {}

    /**
     * The secret that signs cookies ({@link RequestHandler#setSignedCookie}); a long random string
     * kept out of the source (see {@code SECURITY.md}).
     */
    public Builder cookieSecret(String secret) {
      this.signedValues = SignedValues.of(secret);
      return this;
    }

    /**
     * Numbered secrets, to rotate keys (Tornado's dict {@code cookie_secret} with {@code
     * key_version}): values are signed with {@code secrets.get(currentVersion)}, and values
     * signed with any version still in the map keep reading.
     */
    public Builder cookieSecrets(Map<Integer, String> secrets, int currentVersion) {
      this.signedValues = SignedValues.of(secrets, currentVersion);
      return this;
    }

    /** See {@link AppSettings#xsrfCookies()} (default false). */
    public Builder xsrfCookies(boolean check) {
      this.xsrfCookies = check;
      return this;
    }

    /** See {@link AppSettings#xsrfCookieOptions()} (default: path {@code /}, a session cookie). */
    public Builder xsrfCookieOptions(CookieOptions options) {
      this.xsrfCookieOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** See {@link AppSettings#loginUrl()}: a path ({@code /login}) or an absolute URL. */
    public Builder loginUrl(String url) {
      if (url == null || url.isEmpty() || url.contains("\r") || url.contains("\n")) {
        throw new IllegalArgumentException(
            "[LoginUrl] the login URL is a path such as /login or an absolute URL; found \"" + url + "\"");
      }
      this.loginUrl = url;
      return this;
    }

    /** See {@link AppSettings#templatePath()} (default none). */
    public Builder templatePath(Path path) {
      this.templatePath = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
      return this;
    }

    /** See {@link AppSettings#compressResponse()} (default false). */
    public Builder compressResponse(boolean compress) {
      this.compressResponse = compress;
      return this;
    }

    /** See {@link AppSettings#websocketPingInterval()} (default: no pings). */
    public Builder websocketPingInterval(Duration interval) {
      this.websocketPingInterval = nonNegative(interval, "websocketPingInterval");
      return this;
    }

    /** See {@link AppSettings#websocketPingTimeout()} (default: the ping interval). */
    public Builder websocketPingTimeout(Duration timeout) {
      this.websocketPingTimeout = nonNegative(timeout, "websocketPingTimeout");
      return this;
    }

    /** See {@link AppSettings#websocketMaxMessageSize()} (default 10 MiB). */
    public Builder websocketMaxMessageSize(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException(
            "[WebSocketMaxMessageSize] the limit must be positive, got " + bytes);
      }
      this.websocketMaxMessageSize = bytes;
      return this;
    }

    /** See {@link AppSettings#websocketMaxWriteBufferSize()} (default 16 MiB; 0: no limit). */
    public Builder websocketMaxWriteBufferSize(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException(
            "[WebSocketMaxWriteBufferSize] the limit must be 0 (none) or positive, got " + bytes);
      }
      this.websocketMaxWriteBufferSize = bytes;
      return this;
    }

    private static Duration nonNegative(Duration d, String name) {
      if (Objects.requireNonNull(d, name).isNegative()) {
        throw new IllegalArgumentException("[" + Character.toUpperCase(name.charAt(0))
            + name.substring(1) + "] must not be negative, got " + d);
      }
      return d;
    }

    /** See {@link AppSettings#cancelOnDisconnect()} (default true). */
    public Builder cancelOnDisconnect(boolean cancel) {
      this.cancelOnDisconnect = cancel;
      return this;
    }

    /** Development mode (default false). */
    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    /** See {@link AppSettings#autoreload()} (default: as debug). */
    public Builder autoreload(boolean autoreload) {
      this.autoreload = autoreload;
      return this;
    }

    /** Stack traces in error pages (default: as debug). */
    public Builder serveTraceback(boolean serveTraceback) {
      this.serveTraceback = serveTraceback;
      return this;
    }

    /** The handler for unmatched paths. */
    public Builder defaultHandler(Class<? extends RequestHandler> handler) {
      return defaultHandler(handler, Map.of());
    }

    /** The handler for unmatched paths, with its {@code initialize} arguments. */
    public Builder defaultHandler(Class<? extends RequestHandler> handler, Map<String, ?> args) {
      this.defaultHandler = Objects.requireNonNull(handler, "handler");
      this.defaultHandlerArgs = Objects.requireNonNull(args, "args");
      return this;
    }

    /** Serve the files under {@code path} at {@link #staticUrlPrefix}. */
    public Builder staticPath(Path path) {
      this.staticPath = path;
      return this;
    }

    /** The URL prefix of static files; must start and end with '/'. */
    public Builder staticUrlPrefix(String prefix) {
      if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
        throw new IllegalArgumentException(
            "[StaticUrlPrefix] the prefix must start and end with '/', got \"" + prefix + "\"");
      }
      this.staticUrlPrefix = prefix;
      return this;
    }

    /**
     * What the server does with each finished response (Tornado's {@code log_function}); the same
     * as {@code serverOptions(options.toBuilder().accessLog(logger).build())}, whichever of the two
     * is called first. For example {@code AccessLogger.OFF}, or {@code r -> metrics.record(r)}.
     */
    public Builder logFunction(dev.cyclone.httpserver.AccessLogger logger) {
      this.logFunction = Objects.requireNonNull(logger, "logger");
      return this;
    }

    /** The server options used by {@link Application#listen}. */
    public Builder serverOptions(HTTPServerOptions options) {
      this.serverOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The settings. */
    public AppSettings build() {
      return new AppSettings(this);
    }
  }
}
