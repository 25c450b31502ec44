package dev.cyclone.web;

import dev.cyclone.httpserver.HTTPConnection;
import dev.cyclone.httpserver.HTTPMessageDelegate;
import dev.cyclone.httpserver.HTTPServer;
import dev.cyclone.httpserver.HTTPServerConnectionDelegate;
import dev.cyclone.httpserver.HTTPServerOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A web application: a table of routes and its settings (Tornado's {@code tornado.web.Application}).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *   Application app = new Application(List.of(url("/", MainHandler.class)));
 *   app.listen(8888);
 *   IOLoop.current().start();
 * }
 * }</pre>
 *
 * <p>Routes are tried in order; the first whose pattern matches the whole path serves the request.
 * An unmatched path goes to the {@code defaultHandler} setting, or gets a 404. Every handler class
 * is checked when the application is built. Immutable and thread-safe: one application serves
 * every connection, on every loop.
 */
public final class Application implements HTTPServerConnectionDelegate {
  private final List<URLSpec> routes;
  private final Map<String, URLSpec> named = new HashMap<>();
  private final AppSettings settings;
  private final URLSpec fallback;
  private final Templates templates;
  private final StaticUrls staticUrls;

  /** An application with default settings. */
  public Application(List<URLSpec> routes) {
    this(routes, AppSettings.defaults());
  }

  /**
   * An application serving {@code routes} with {@code settings}. Fails if two routes share a name
   * or a handler class cannot be served.
   */
  public Application(List<URLSpec> routes, AppSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    List<URLSpec> all = new ArrayList<>();
    if (settings.staticPath() != null) {
      all.add(
          URLSpec.url(
                  java.util.regex.Pattern.quote(settings.staticUrlPrefix()) + "(.*)",
                  StaticFileHandler.class,
                  Map.of("path", settings.staticPath()))
              .named("static"));
    }
    all.addAll(routes);
    for (URLSpec route : all) {
      if (route.name() != null && named.putIfAbsent(route.name(), route) != null) {
        throw new IllegalArgumentException(
            "[DuplicateRouteName] two routes are named \"" + route.name() + "\"");
      }
    }
    this.routes = List.copyOf(all);
    this.fallback =
        settings.defaultHandler() != null
            ? URLSpec.url(".*", settings.defaultHandler(), settings.defaultHandlerArgs())
            : URLSpec.url(".*", ErrorHandler.class, Map.of("status", 404));
    this.templates = new Templates(settings);
    this.staticUrls = new StaticUrls(settings);
  }

  /** The application's templates, as {@link RequestHandler#render} finds them. */
  public Templates templates() {
    return templates;
  }

  /** The versioned URLs of the static files, for {@link RequestHandler#staticUrl}. */
  StaticUrls staticUrls() {
    return staticUrls;
  }

  /** The settings. */
  public AppSettings settings() {
    return settings;
  }

  /** The routes, in the order they are tried. */
  public List<URLSpec> routes() {
    return routes;
  }

  /**
   * The path of the route named {@code name} with {@code args} in its groups (Tornado's {@code
   * reverse_url}). Fails with an {@link IllegalArgumentException} for an unknown name.
   */
  public String reverseUrl(String name, Object... args) {
    URLSpec route = named.get(name);
    if (route == null) {
      throw new IllegalArgumentException(
          "[ReverseUrl] no route is named \"" + name + "\"; known names: " + named.keySet());
    }
    return route.reverse(args);
  }

  /**
   * Starts an {@link HTTPServer} for this application on {@code port} of every interface, with
   * the {@code serverOptions} setting. Returns the server (its {@code port()} is the bound one).
   * With the {@code autoreload} setting (or {@code debug}), a change to the handlers' classes or
   * the static files restarts the process on the same port.
   */
  public HTTPServer listen(int port) {
    return listen(port, null);
  }

  /** As {@link #listen(int)}, on {@code address} only (for example {@code "127.0.0.1"}). */
  public HTTPServer listen(int port, String address) {
    return listen(port, address, settings.serverOptions());
  }

  /** As {@link #listen(int, String)}, with explicit server options. */
  public HTTPServer listen(int port, String address, HTTPServerOptions options) {
    HTTPServer server = new HTTPServer(this, options);
    server.listen(port, address);
    if (settings.autoreload()) {
      List<Class<?>> handlers = new ArrayList<>();
      for (URLSpec route : routes) {
        if (route.handlerClass() != null) {
          handlers.add(route.handlerClass());
        }
      }
      List<java.nio.file.Path> paths = settings.staticPath() == null ? List.of() : List.of(settings.staticPath());
      dev.cyclone.autoreload.Autoreload.start(handlers, paths, server::stop);
    }
    return server;
  }

  /** Called by the server on the connection's loop when a request's headers arrive. */
  @Override
  public HTTPMessageDelegate startRequest(HTTPConnection connection) {
    return new RequestDispatcher(this);
  }

  /** The route for {@code path}: the first that matches, or the default/404 route. */
  RouteMatch find(String path) {
    for (URLSpec route : routes) {
      PathArguments args = route.match(path);
      if (args != null) {
        return new RouteMatch(route, args);
      }
    }
    return new RouteMatch(fallback, PathArguments.NONE);
  }

  /** A route and what its pattern captured. */
  record RouteMatch(URLSpec route, PathArguments args) {}
}
