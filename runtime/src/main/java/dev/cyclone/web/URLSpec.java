package dev.cyclone.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route: a path pattern and the handler that serves it (Tornado's {@code URLSpec} / {@code
 * url()}).
 *
 * <pre>{@code
 * new Application(List.of(
 *     url("/", MainHandler.class),
 *     url("/story/([0-9]+)", StoryHandler.class, Map.of("db", db)).named("story")));
 * }</pre>
 *
 * <p>The pattern is a Java regular expression matched against the whole (still percent-encoded)
 * path; its groups, URL-decoded, become the verb method's arguments. {@code initArgs} are handed to
 * the handler's {@link RequestHandler#initialize(Map)}. A named route can be turned back into a
 * path with {@link Application#reverseUrl}. Immutable and thread-safe.
 */
public final class URLSpec {
  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

  private final String source;
  private final Pattern pattern;
  private final HandlerDispatcher<?> dispatcher;
  private final Class<?> handlerClass;
  private final Map<String, Object> initArgs;
  private final String name;
  private final List<String> groupNames;
  /**
   * The path itself when the pattern is a plain path with no regular-expression syntax (most
   * routes): matched with {@code equals}, without a {@link Matcher} per request. Otherwise null.
   */
  private final String literal;
  /** The path with {@code %s} for each group, or null when the pattern is too complex to reverse. */
  private final String reverseFormat;
  /** Whether the handler takes its body as a stream: asked of the dispatcher once, not per request. */
  private final boolean streamsBody;

  private URLSpec(
      String source,
      HandlerDispatcher<?> dispatcher,
      Class<?> handlerClass,
      Map<String, ?> initArgs,
      String name) {
    this.source = Objects.requireNonNull(source, "pattern");
    String anchored = source.startsWith("^") ? source.substring(1) : source;
    this.pattern = Pattern.compile(anchored);
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.handlerClass = handlerClass;
    this.initArgs = Map.copyOf(initArgs);
    this.name = name;
    this.groupNames = namedGroups(anchored);
    this.reverseFormat = reverseFormat(anchored, pattern.matcher("").groupCount());
    this.literal = literal(anchored);
    this.streamsBody = dispatcher.streamsBody(handlerClass);
  }

  /** Whether requests to this route stream their body to the handler ({@code @StreamRequestBody}). */
  boolean streamsBody() {
    return streamsBody;
  }

  /** {@code anchored} as a plain path if it has no regex syntax (a final {@code $} aside). */
  private static String literal(String anchored) {
    String body =
        anchored.endsWith("$") && !anchored.endsWith("\\$")
            ? anchored.substring(0, anchored.length() - 1)
            : anchored;
    for (int i = 0; i < body.length(); i++) {
      if ("\\^$.|?*+()[]{}".indexOf(body.charAt(i)) >= 0) {
        return null;
      }
    }
    return body;
  }

  /** A route to {@code handler}. Fails at once if the pattern or the handler class is invalid. */
  public static URLSpec url(String pattern, Class<? extends RequestHandler> handler) {
    return url(pattern, handler, Map.of());
  }

  /** A route to {@code handler} whose {@code initialize(args)} receives {@code initArgs}. */
  public static URLSpec url(
      String pattern, Class<? extends RequestHandler> handler, Map<String, ?> initArgs) {
    return new URLSpec(pattern, HandlerDispatchers.forClass(handler), handler, initArgs, null);
  }

  /** A route served through an explicit dispatcher (for example a hand-written one). */
  public static URLSpec url(
      String pattern, HandlerDispatcher<?> dispatcher, Map<String, ?> initArgs) {
    return new URLSpec(pattern, dispatcher, null, initArgs, null);
  }

  /** This route with a name, for {@link Application#reverseUrl}. */
  public URLSpec named(String name) {
    return new URLSpec(source, dispatcher, handlerClass, initArgs, Objects.requireNonNull(name));
  }

  /** The pattern as given. */
  public String pattern() {
    return source;
  }

  /** The route's name, or null. */
  public String name() {
    return name;
  }

  /** The handler class, or null for a route built from a dispatcher. */
  public Class<?> handlerClass() {
    return handlerClass;
  }

  /** The values handed to the handler's {@code initialize}. */
  public Map<String, Object> initArgs() {
    return initArgs;
  }

  HandlerDispatcher<?> dispatcher() {
    return dispatcher;
  }

  /** The path arguments if {@code path} matches this route, otherwise null. */
  PathArguments match(String path) {
    if (literal != null) {
      return literal.equals(path) ? PathArguments.NONE : null;
    }
    Matcher m = pattern.matcher(path);
    if (!m.matches()) {
      return null;
    }
    if (m.groupCount() == 0) {
      return PathArguments.NONE;
    }
    if (!groupNames.isEmpty()) {
      Map<String, String> named = new LinkedHashMap<>();
      for (String group : groupNames) {
        named.put(group, unquote(m.group(group)));
      }
      return new PathArguments(List.of(), named);
    }
    List<String> positional = new ArrayList<>(m.groupCount());
    for (int i = 1; i <= m.groupCount(); i++) {
      positional.add(unquote(m.group(i)));
    }
    return new PathArguments(positional, Map.of());
  }

  /**
   * The path this route matches with {@code args} in its groups, each URL-encoded. Fails with an
   * {@link IllegalStateException} for a pattern too complex to reverse (nested or non-capturing
   * groups, regex outside groups) and with an {@link IllegalArgumentException} for a wrong number
   * of arguments.
   */
  public String reverse(Object... args) {
    if (reverseFormat == null) {
      throw new IllegalStateException(
          "[ReverseUrl] cannot reverse the pattern \""
              + source
              + "\": only literal text and simple groups can be reversed");
    }
    int groups = pattern.matcher("").groupCount();
    if (args.length != groups) {
      throw new IllegalArgumentException(
          "[ReverseUrl] the pattern \"" + source + "\" needs " + groups + " arguments, got " + args.length);
    }
    Object[] encoded = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      encoded[i] =
          URLEncoder.encode(String.valueOf(args[i]), StandardCharsets.UTF_8)
              .replace("+", "%20")
              .replace("%2F", "/");
    }
    return String.format(reverseFormat, encoded);
  }

  private static String unquote(String s) {
    // Percent-decoding only: a '+' in a path is a plus, not a space.
    return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static List<String> namedGroups(String pattern) {
    List<String> names = new ArrayList<>();
    Matcher m = NAMED_GROUP.matcher(pattern);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Tornado's {@code _find_groups}: literal pieces with {@code %s} for each top-level group. */
  private static String reverseFormat(String pattern, int groupCount) {
    String p = pattern.endsWith("$") ? pattern.substring(0, pattern.length() - 1) : pattern;
    if (count(p, '(') != groupCount || count(p, ')') != groupCount) {
      return null; // nested, non-capturing or escaped parentheses
    }
    String[] pieces = p.split("\\(", -1);
    StringBuilder format = new StringBuilder();
    String head = unescape(pieces[0]);
    if (head == null) {
      return null;
    }
    format.append(head.replace("%", "%%"));
    for (int i = 1; i < pieces.length; i++) {
      int close = pieces[i].indexOf(')');
      if (close < 0) {
        return null;
      }
      String rest = unescape(pieces[i].substring(close + 1));
      if (rest == null) {
        return null;
      }
      format.append("%s").append(rest.replace("%", "%%"));
    }
    return format.toString();
  }

  /** Literal text of a pattern piece, or null if it holds regex syntax. */
  private static String unescape(String piece) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < piece.length(); i++) {
      char c = piece.charAt(i);
      if (c == '\\') {
        if (i + 1 >= piece.length() || Character.isLetterOrDigit(piece.charAt(i + 1))) {
          return null;
        }
        out.append(piece.charAt(++i));
      } else if ("*+?[]{}|^$".indexOf(c) >= 0) { // '.' is taken literally, as Tornado does
        return null;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "URLSpec[" + source + " → " + (handlerClass != null ? handlerClass.getName() : dispatcher) + (name == null ? "" : ", name=" + name) + "]";
  }
}
