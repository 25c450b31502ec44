package dev.cyclone.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned URLs of an application's static files (Tornado's {@code static_url}): {@code
 * /static/app.css?v=<content hash>}, so that a changed file gets a new URL and an unchanged one can
 * be cached for ever ({@link StaticFileHandler} sends a ten-year {@code Cache-Control} for a
 * request with {@code v}). Each file is hashed once; in {@link AppSettings#debug() debug} mode it
 * is hashed again when its modification time changes. Thread-safe.
 */
final class StaticUrls {
  private static final Logger log = LoggerFactory.getLogger(StaticUrls.class);

  private final Path root;
  private final String prefix;
  private final boolean recheck;
  private final ConcurrentMap<String, Version> versions = new ConcurrentHashMap<>();

  private record Version(long modified, String hash) {}

  StaticUrls(AppSettings settings) {
    this.root = settings.staticPath() == null ? null : settings.staticPath().toAbsolutePath().normalize();
    this.prefix = settings.staticUrlPrefix();
    this.recheck = settings.debug();
  }

  /**
   * The URL of static file {@code path} (relative to {@link AppSettings#staticPath()}, such as
   * {@code "css/site.css"}) with its version. A file that does not exist, or a path outside the
   * static directory, gets the URL without a version, and a warning in the log (as Tornado).
   * Fails when the application has no static path.
   */
  String url(String path) {
    if (root == null) {
      throw new IllegalStateException(
          "[StaticUrlWithoutStaticPath] staticUrl(\"" + path + "\") needs AppSettings.staticPath");
    }
    String base = prefix + (path.startsWith("/") ? path.substring(1) : path);
    String hash = hash(path.startsWith("/") ? path.substring(1) : path);
    return hash == null ? base : base + "?v=" + hash;
  }

  private String hash(String path) {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      log.warn("Could not open static file {}", path);
      return null;
    }
    Version known = versions.get(path);
    if (known != null && !recheck) {
      return known.hash();
    }
    try {
      long modified = Files.getLastModifiedTime(file).toMillis();
      if (known != null && known.modified() == modified) {
        return known.hash();
      }
      Version now = new Version(modified, contentHash(file));
      versions.put(path, now);
      return now.hash();
    } catch (IOException e) {
      log.warn("Could not read static file {}: {}", path, e.toString());
      return null;
    }
  }

  /** 16 hex digits of the file's XXH64: a change of content changes it. */
  private static String contentHash(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] content = in.readAllBytes();
      return String.format("%016x", Xxh64.hash(content, 0, content.length));
    }
  }
}
