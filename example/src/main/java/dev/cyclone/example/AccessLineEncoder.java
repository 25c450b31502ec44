package dev.cyclone.example;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The access log's encoder: writes each event as {@code 12:00:00.123 INFO  access 200 GET /
 * (127.0.0.1) 0.42ms}, byte for byte what logback's pattern {@code %d{HH:mm:ss.SSS} %-5level access
 * %msg%n} writes, without the pattern's converter chain. At the example's 180,000 lines a second
 * the pattern layout was a third of the {@code cyclone-access-log} thread's time, and that thread
 * shares the machine's cores with the loops (BENCHMARKS.md, issue 18). The time of day is
 * formatted once a second and the milliseconds appended; the zone is the system's, as the
 * pattern's.
 *
 * <p>Called by the appender on whichever thread logs (the access log's own thread, for access
 * lines); it keeps no state but an immutable second, so it is safe on any number of threads. To
 * choose another layout, replace it in {@code logback.xml} with {@code <encoder><pattern>...}.
 */
public class AccessLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NEWLINE = CoreConstants.LINE_SEPARATOR.getBytes(StandardCharsets.US_ASCII);
  /** After the level, padded to five characters as {@code %-5level} pads it. */
  private static final byte[] ACCESS = " access ".getBytes(StandardCharsets.US_ASCII);
  private static final int CLOCK_LENGTH = "HH:mm:ss.SSS ".length();

  private final ZoneId zone = ZoneId.systemDefault();
  /** The last second formatted; replaced whole, so a racing reader sees one second or the next. */
  private volatile Second second = new Second(Long.MIN_VALUE, new byte[0]);

  /** {@code HH:mm:ss.} of one second since the epoch. */
  private record Second(long epochSecond, byte[] text) {}

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    byte[] message = event.getFormattedMessage().getBytes(StandardCharsets.UTF_8);
    IThrowableProxy thrown = event.getThrowableProxy();
    byte[] trace = thrown == null
        ? null
        : ThrowableProxyUtil.asString(thrown).getBytes(StandardCharsets.UTF_8);
    String level = levelName(event.getLevel());
    byte[] line = new byte[CLOCK_LENGTH + 5 + ACCESS.length + message.length + NEWLINE.length
        + (trace == null ? 0 : trace.length)];
    int at = clock(event.getTimeStamp(), line);
    for (int i = 0; i < 5; i++) {
      line[at++] = i < level.length() ? (byte) level.charAt(i) : (byte) ' ';
    }
    at = put(ACCESS, line, at);
    at = put(message, line, at);
    at = put(NEWLINE, line, at);
    if (trace != null) {
      put(trace, line, at); // a line each, every one ended, as the pattern's implicit %ex writes it
    }
    return line;
  }

  private static String levelName(Level level) {
    return level == null ? "" : level.levelStr;
  }

  /** Writes {@code HH:mm:ss.SSS } for {@code millis} at the start of {@code line}; returns its end. */
  private int clock(long millis, byte[] line) {
    long epochSecond = Math.floorDiv(millis, 1000);
    Second s = second;
    if (s.epochSecond != epochSecond) {
      LocalTime time = LocalTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
      byte[] text = new byte[9];
      two(time.getHour(), text, 0);
      text[2] = ':';
      two(time.getMinute(), text, 3);
      text[5] = ':';
      two(time.getSecond(), text, 6);
      text[8] = '.';
      s = new Second(epochSecond, text);
      second = s;
    }
    System.arraycopy(s.text, 0, line, 0, 9);
    int ms = Math.floorMod(millis, 1000);
    line[9] = (byte) ('0' + ms / 100);
    line[10] = (byte) ('0' + ms / 10 % 10);
    line[11] = (byte) ('0' + ms % 10);
    line[12] = ' ';
    return CLOCK_LENGTH;
  }

  private static void two(int value, byte[] text, int at) {
    text[at] = (byte) ('0' + value / 10);
    text[at + 1] = (byte) ('0' + value % 10);
  }

  private static int put(byte[] bytes, byte[] line, int at) {
    System.arraycopy(bytes, 0, line, at, bytes.length);
    return at + bytes.length;
  }
}
