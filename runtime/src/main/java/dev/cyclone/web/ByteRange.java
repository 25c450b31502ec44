package dev.cyclone.web;

/**
 * A single byte range of a {@code Range: bytes=...} request header, resolved against a file size
 * (Tornado's {@code _parse_request_range}). Several ranges, or a header that does not parse, are
 * ignored: the whole file is served, as RFC 9110 allows.
 *
 * @param start the first byte
 * @param end one past the last byte
 */
record ByteRange(long start, long end) {
  /** A range that lies wholly past the end of the file: 416. */
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  /** The range {@code header} asks for in a file of {@code size} bytes; null for "the whole file". */
  static ByteRange parse(String header, long size) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (!h.startsWith("bytes=")) {
      return null;
    }
    String spec = h.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (spec.contains(",") || dash < 0) {
      return null;
    }
    String first = spec.substring(0, dash).trim();
    String last = spec.substring(dash + 1).trim();
    if (!digits(first) && !first.isEmpty() || !digits(last) && !last.isEmpty()) {
      return null;
    }
    try {
      if (first.isEmpty()) {
        if (last.isEmpty()) {
          return null;
        }
        long suffix = Long.parseLong(last);
        return suffix == 0 ? UNSATISFIABLE : new ByteRange(Math.max(0, size - suffix), size);
      }
      long start = Long.parseLong(first);
      long end = last.isEmpty() ? size : Long.parseLong(last) + 1;
      if (end <= start) {
        return null; // last before first: not a valid range, ignored
      }
      if (start >= size) {
        return UNSATISFIABLE;
      }
      return new ByteRange(start, Math.min(end, size));
    } catch (NumberFormatException overflow) {
      return null;
    }
  }

  /** True if this range is the whole of a file of {@code size} bytes. */
  boolean isWhole(long size) {
    return start == 0 && end == size;
  }

  /** The number of bytes in the range. */
  long length() {
    return end - start;
  }

  private static boolean digits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
