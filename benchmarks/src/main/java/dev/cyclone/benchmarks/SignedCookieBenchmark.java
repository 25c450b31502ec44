package dev.cyclone.benchmarks;

import dev.cyclone.web.SignedValues;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a signed cookie costs (issue 19): reading a genuine one (parse, HMAC-SHA256, constant-time
 * compare, age check), refusing a tampered one, and signing one, in Tornado's v2 format.
 *
 * <pre>benchmarks/jmh.sh SignedCookieBenchmark</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignedCookieBenchmark {
  private SignedValues values;
  private String genuine;
  private String tampered;

  @Setup
  public void setUp() {
    values = SignedValues.of("a secret of the benchmark, 32 bytes or more");
    genuine = values.create("user", "alice@example.com");
    int last = genuine.length() - 1;
    tampered = genuine.substring(0, last) + (genuine.charAt(last) == '0' ? '1' : '0');
  }

  /** Reading the login cookie of a request: the common case. */
  @Benchmark
  public String readGenuine() {
    return values.decode("user", genuine);
  }

  /** Refusing a cookie whose signature was changed. */
  @Benchmark
  public String readTampered() {
    return values.decode("user", tampered);
  }

  /** Signing a cookie, as a login does. */
  @Benchmark
  public String sign() {
    return values.create("user", "alice@example.com");
  }
}
