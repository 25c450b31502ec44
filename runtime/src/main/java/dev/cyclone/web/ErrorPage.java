package dev.cyclone.web;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The bodies of the default error responses (Tornado's {@code write_error}). */
final class ErrorPage {
  private ErrorPage() {}

  /** {@code <html><title>404: Not Found</title><body>404: Not Found</body></html>}. */
  static String html(int status, String reason) {
    String text = status + ": " + escape(reason);
    return "<html><title>" + text + "</title><body>" + text + "</body></html>";
  }

  /** The exception's stack trace, for debug mode (served as text/plain). */
  static String traceback(Throwable exc) {
    StringWriter out = new StringWriter();
    exc.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** Escapes text for HTML. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
