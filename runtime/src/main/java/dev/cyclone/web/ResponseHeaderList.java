package dev.cyclone.web;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The headers of one response, as a list of name/value pairs in the order set: a response carries
 * half a dozen headers, and a scan of that many names (length first) is cheaper than hashing each
 * into a table of linked entries, which is what Netty's {@code DefaultHttpHeaders} does for every
 * set, lookup and removal. Names compare case-insensitively; a name keeps the spelling it was first
 * set with. Values are not validated here: {@link HeaderValues} checks what a handler sets.
 *
 * <p>Not thread-safe: a response's headers live on its connection's loop.
 */
final class ResponseHeaderList extends HttpHeaders {
  private Header[] headers = new Header[8];
  private int size;

  /** One header line; the encoder reads these as they are, so iterating allocates no entries. */
  private static final class Header implements Map.Entry<CharSequence, CharSequence> {
    final CharSequence name;
    /** The name's length, kept so that a scan passes most names without calling into them. */
    final int nameLength;
    CharSequence value;

    Header(CharSequence name, CharSequence value) {
      this.name = name;
      this.nameLength = name.length();
      this.value = value;
    }

    /** True if this is a line of {@code name}, which is {@code length} long. */
    boolean named(CharSequence name, int length) {
      return nameLength == length
          && (this.name == name || AsciiString.contentEqualsIgnoreCase(this.name, name));
    }

    @Override
    public CharSequence getKey() {
      return name;
    }

    @Override
    public CharSequence getValue() {
      return value;
    }

    @Override
    public CharSequence setValue(CharSequence value) {
      throw new UnsupportedOperationException("set the header through the headers instead");
    }

    @Override
    public String toString() {
      return name + ": " + value;
    }
  }

  // ---- reading ----------------------------------------------------------------------------------

  private int indexOf(CharSequence name, int from) {
    int length = name.length();
    for (int i = from; i < size; i++) {
      if (headers[i].named(name, length)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String get(String name) {
    return get((CharSequence) name);
  }

  @Override
  public String get(CharSequence name) {
    int i = indexOf(name, 0);
    return i < 0 ? null : headers[i].value.toString();
  }

  @Override
  public Integer getInt(CharSequence name) {
    String value = get(name);
    if (value == null) {
      return null;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public int getInt(CharSequence name, int defaultValue) {
    Integer value = getInt(name);
    return value == null ? defaultValue : value;
  }

  @Override
  public Short getShort(CharSequence name) {
    Integer value = getInt(name);
    return value == null || value != value.shortValue() ? null : value.shortValue();
  }

  @Override
  public short getShort(CharSequence name, short defaultValue) {
    Short value = getShort(name);
    return value == null ? defaultValue : value;
  }

  @Override
  public Long getTimeMillis(CharSequence name) {
    String value = get(name);
    Date date = value == null ? null : DateFormatter.parseHttpDate(value);
    return date == null ? null : date.getTime();
  }

  @Override
  public long getTimeMillis(CharSequence name, long defaultValue) {
    Long value = getTimeMillis(name);
    return value == null ? defaultValue : value;
  }

  @Override
  public List<String> getAll(String name) {
    return getAll((CharSequence) name);
  }

  @Override
  public List<String> getAll(CharSequence name) {
    List<String> all = new ArrayList<>(1);
    for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
      all.add(headers[i].value.toString());
    }
    return all;
  }

  @Override
  public boolean contains(String name) {
    return indexOf(name, 0) >= 0;
  }

  @Override
  public boolean contains(CharSequence name) {
    return indexOf(name, 0) >= 0;
  }

  @Override
  public boolean contains(CharSequence name, CharSequence value, boolean ignoreCase) {
    for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
      if (ignoreCase
          ? AsciiString.contentEqualsIgnoreCase(headers[i].value, value)
          : AsciiString.contentEquals(headers[i].value, value)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Set<String> names() {
    Set<String> all = new LinkedHashSet<>();
    for (int i = 0; i < size; i++) {
      all.add(headers[i].name.toString());
    }
    return all;
  }

  @Override
  public List<Map.Entry<String, String>> entries() {
    List<Map.Entry<String, String>> all = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      Header h = headers[i];
      all.add(new AbstractMap.SimpleImmutableEntry<>(h.name.toString(), h.value.toString()));
    }
    return all;
  }

  @Override
  @SuppressWarnings("deprecation") // deprecated for callers; a subclass must still provide it
  public Iterator<Map.Entry<String, String>> iterator() {
    return new Entries<>() {
      @Override
      Map.Entry<String, String> entry(Header h) {
        return new AbstractMap.SimpleImmutableEntry<>(h.name.toString(), h.value.toString());
      }
    };
  }

  /**
   * What the response encoders walk to write the headers: the pairs as they are stored, by an
   * iterator that is the only object made.
   */
  @Override
  public Iterator<Map.Entry<CharSequence, CharSequence>> iteratorCharSequence() {
    return new Entries<>() {
      @Override
      Map.Entry<CharSequence, CharSequence> entry(Header h) {
        return h;
      }
    };
  }

  /** The pairs from first to last, each as {@link #entry} makes it of its header. */
  private abstract class Entries<E> implements Iterator<E> {
    private int next;

    abstract E entry(Header h);

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public E next() {
      if (next >= size) {
        throw new NoSuchElementException();
      }
      return entry(headers[next++]);
    }
  }

  // ---- writing ----------------------------------------------------------------------------------

  @Override
  public HttpHeaders add(String name, Object value) {
    return add((CharSequence) name, value);
  }

  @Override
  public HttpHeaders add(CharSequence name, Object value) {
    append(name, text(value));
    return this;
  }

  @Override
  public HttpHeaders add(String name, Iterable<?> values) {
    return add((CharSequence) name, values);
  }

  @Override
  public HttpHeaders add(CharSequence name, Iterable<?> values) {
    for (Object value : values) {
      append(name, text(value));
    }
    return this;
  }

  @Override
  public HttpHeaders addInt(CharSequence name, int value) {
    return add(name, Integer.toString(value));
  }

  @Override
  public HttpHeaders addShort(CharSequence name, short value) {
    return add(name, Short.toString(value));
  }

  @Override
  public HttpHeaders set(String name, Object value) {
    return set((CharSequence) name, value);
  }

  /**
   * Replaces every value of {@code name} with {@code value}. The header keeps its place (and the
   * spelling of its name) when it was there already.
   */
  @Override
  public HttpHeaders set(CharSequence name, Object value) {
    CharSequence text = text(value);
    int i = indexOf(name, 0);
    if (i < 0) {
      append(name, text);
    } else {
      headers[i].value = text;
      removeFrom(name, i + 1);
    }
    return this;
  }

  @Override
  public HttpHeaders set(String name, Iterable<?> values) {
    return set((CharSequence) name, values);
  }

  @Override
  public HttpHeaders set(CharSequence name, Iterable<?> values) {
    removeFrom(name, 0);
    return add(name, values);
  }

  @Override
  public HttpHeaders setInt(CharSequence name, int value) {
    return set(name, Integer.toString(value));
  }

  @Override
  public HttpHeaders setShort(CharSequence name, short value) {
    return set(name, Short.toString(value));
  }

  @Override
  public HttpHeaders remove(String name) {
    return remove((CharSequence) name);
  }

  @Override
  public HttpHeaders remove(CharSequence name) {
    removeFrom(name, 0);
    return this;
  }

  @Override
  public HttpHeaders clear() {
    Arrays.fill(headers, 0, size, null);
    size = 0;
    return this;
  }

  private void append(CharSequence name, CharSequence value) {
    if (size == headers.length) {
      headers = Arrays.copyOf(headers, size * 2);
    }
    headers[size++] = new Header(name, value);
  }

  /** Removes the pairs of {@code name} at index {@code from} or later, keeping the order. */
  private void removeFrom(CharSequence name, int from) {
    int length = name.length();
    int kept = from;
    for (int i = from; i < size; i++) {
      if (headers[i].named(name, length)) {
        continue;
      }
      headers[kept++] = headers[i];
    }
    if (kept < size) {
      Arrays.fill(headers, kept, size, null);
      size = kept;
    }
  }

  /** A value as header text, as Netty's headers convert them: dates as HTTP dates. */
  private static CharSequence text(Object value) {
    Objects.requireNonNull(value, "value");
    if (value instanceof CharSequence) {
      return (CharSequence) value;
    }
    if (value instanceof Date) {
      return DateFormatter.format((Date) value);
    }
    if (value instanceof Calendar) {
      return DateFormatter.format(((Calendar) value).getTime());
    }
    return String.valueOf(value);
  }
}
