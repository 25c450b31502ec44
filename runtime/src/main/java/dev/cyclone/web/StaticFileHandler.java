package dev.cyclone.web;

import dev.cyclone.httpserver.HttpDates;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Serves the files of a directory (Tornado's {@code StaticFileHandler}), with a strong ETag
 * (modification time and size), {@code Last-Modified}, conditional requests ({@code If-None-Match},
 * {@code If-Modified-Since} → 304), single byte ranges (206, or 416 with {@code Content-Range:
 * bytes *}/size), and HEAD. A path that leaves the directory ({@code ..}) is refused with 403.
 *
 * <pre>{@code url("/files/(.*)", StaticFileHandler.class, Map.of("path", Path.of("public")))}</pre>
 *
 * <p>The file is sent in 64 KiB pieces, each written once the previous one reached the socket, so
 * a large file never sits in memory. File reads are blocking and run on the loop, as in Tornado.
 */
public class StaticFileHandler extends RequestHandler {
  /** Ten years, Tornado's {@code CACHE_MAX_AGE}, for a versioned URL. */
  static final long CACHE_MAX_AGE_SECONDS = 86400L * 365 * 10;
  private static final int PIECE = 64 * 1024;

  private Path root;
  private String defaultFilename;

  /** Takes {@code path} (the directory; Path or String, required) and {@code defaultFilename}. */
  @Override
  protected void initialize(Map<String, Object> args) {
    Object path = args.get("path");
    if (path == null) {
      throw new IllegalStateException("[StaticFileHandlerPath] StaticFileHandler needs a \"path\" init argument");
    }
    root = Path.of(path.toString()).toAbsolutePath().normalize();
    Object index = args.get("defaultFilename");
    defaultFilename = index == null ? null : index.toString();
  }

  /** Serves {@code path}, relative to the directory. */
  public CompletionStage<Void> get(String path) throws IOException {
    Path file = resolve(path == null ? "" : path);
    if (file == null) {
      return null; // redirected to the directory's URL with a slash
    }
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    long size = attributes.size();
    Instant modified = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
    String etag = "\"" + Long.toHexString(modified.getEpochSecond()) + "-" + Long.toHexString(size) + "\"";
    setHeader("Etag", etag);
    setHeader("Last-Modified", modified);
    setHeader("Accept-Ranges", "bytes");
    setHeader("Content-Type", contentType(file));
    if (getQueryArgument("v", null) != null) {
      // a versioned URL (RequestHandler.staticUrl): its content never changes, so cache it for ever,
      // as Tornado does for ten years
      setHeader("Cache-Control", "max-age=" + CACHE_MAX_AGE_SECONDS);
      setHeader("Expires", Instant.now().plusSeconds(CACHE_MAX_AGE_SECONDS));
    }
    if (notModified(etag, modified)) {
      setStatus(304);
      return null;
    }
    ByteRange range = ByteRange.parse(request().headers().get("Range"), size);
    long start = 0;
    long length = size;
    if (range == ByteRange.UNSATISFIABLE) {
      throw new HTTPError(416).header("Content-Range", "bytes */" + size);
    }
    if (range != null && !range.isWhole(size)) {
      setStatus(206);
      setHeader("Content-Range", "bytes " + range.start() + "-" + (range.end() - 1) + "/" + size);
      start = range.start();
      length = range.length();
    }
    setHeader("Content-Length", length);
    if (request().method().equals("HEAD") || length == 0) {
      return null;
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    return send(channel, start, length).whenComplete((v, t) -> closeQuietly(channel));
  }

  /** The file for {@code path}, or null after redirecting; throws 403/404 as HTTPError. */
  private Path resolve(String path) {
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root)) {
      throw new HTTPError(403, "%s is not in the static directory", path);
    }
    if (Files.isDirectory(file)) {
      if (defaultFilename == null) {
        throw new HTTPError(403, "%s is a directory", path);
      }
      if (!request().path().endsWith("/")) {
        redirect(request().path() + "/", true);
        return null;
      }
      file = file.resolve(defaultFilename);
    }
    if (!Files.isRegularFile(file)) {
      throw new HTTPError(404, "%s does not exist", path);
    }
    return file;
  }

  private boolean notModified(String etag, Instant modified) {
    String ifNoneMatch = request().headers().get("If-None-Match");
    if (ifNoneMatch != null) {
      // either representation's tag: the client holds whichever it was sent
      return Etags.matches(ifNoneMatch, etag)
          || Etags.matches(ifNoneMatch, GzipContentEncoding.etag(etag));
    }
    Instant since = HttpDates.parse(request().headers().get("If-Modified-Since"));
    return since != null && !modified.isAfter(since);
  }

  /** Sends {@code length} bytes from {@code position}, one piece per completed flush. */
  private CompletableFuture<Void> send(FileChannel channel, long position, long length) {
    if (length == 0) {
      return CompletableFuture.completedFuture(null);
    }
    int n = (int) Math.min(PIECE, length);
    ByteBuffer piece = ByteBuffer.allocate(n);
    try {
      while (piece.hasRemaining()) {
        if (channel.read(piece, position + piece.position()) < 0) {
          throw new IOException("the file shrank while it was being sent");
        }
      }
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    write(piece.array());
    return flush().thenCompose(v -> send(channel, position + n, length - n));
  }

  private static String contentType(Path file) {
    String type = URLConnection.guessContentTypeFromName(file.getFileName().toString());
    if (type == null) {
      try {
        type = Files.probeContentType(file);
      } catch (IOException | SecurityException e) {
        type = null;
      }
    }
    return type != null ? type : "application/octet-stream";
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing to do: the response is over
    }
  }
}
