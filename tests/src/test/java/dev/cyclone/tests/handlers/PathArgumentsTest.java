package dev.cyclone.tests.handlers;

import static dev.cyclone.concurrent.Coroutines.await;
import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cyclone.annotations.Coroutine;
import dev.cyclone.testing.AsyncHTTPTestCase;
import dev.cyclone.web.Application;
import dev.cyclone.web.RequestHandler;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Path arguments converted to the types the verb method declares, by the generated dispatcher; a
 * value that does not convert is a 400 naming the argument.
 */
class PathArgumentsTest extends AsyncHTTPTestCase {
  public enum Color { RED, GREEN }

  /** A user type with a static valueOf(String), as many value classes have. */
  public static final class Money {
    final BigDecimal amount;
    final String currency;

    private Money(BigDecimal amount, String currency) {
      this.amount = amount;
      this.currency = currency;
    }

    public static Money valueOf(String text) {
      String[] parts = text.split("-");
      if (parts.length != 2 || parts[1].length() != 3) {
        throw new IllegalArgumentException("not money: " + text);
      }
      return new Money(new BigDecimal(parts[0]), parts[1]);
    }
  }

  public static class IntHandler extends RequestHandler {
    public void get(int id) {
      write("int " + (id + 1));
    }
  }

  public static class LongHandler extends RequestHandler {
    public void get(long id) {
      write("long " + (id + 1));
    }
  }

  public static class UuidHandler extends RequestHandler {
    public void get(UUID id) {
      write("uuid " + id.getMostSignificantBits());
    }
  }

  public static class EnumHandler extends RequestHandler {
    public void get(Color color) {
      write("color " + color.ordinal());
    }
  }

  public static class MoneyHandler extends RequestHandler {
    @Coroutine
    public CompletableFuture<Void> get(Money price, boolean taxed) {
      BigDecimal doubled = await(CompletableFuture.completedFuture(price.amount.add(price.amount)));
      write(doubled + " " + price.currency + " " + taxed);
      return CompletableFuture.completedFuture(null);
    }
  }

  /** Named groups are matched to the parameters by name, whatever their order. */
  public static class NamedHandler extends RequestHandler {
    public void get(int id, String name) {
      write(name + "#" + id);
    }
  }

  public static class OptionalHandler extends RequestHandler {
    public void get(Integer page) {
      write("page " + page);
    }
  }

  public static class RequiredHandler extends RequestHandler {
    public void get(int page) {
      write("page " + page);
    }
  }

  public static class VarargsHandler extends RequestHandler {
    public void get(String... parts) {
      write(Arrays.toString(parts));
    }
  }

  @Override
  protected Application getApp() {
    return new Application(List.of(
        url("/int/([^/]+)", IntHandler.class),
        url("/long/([^/]+)", LongHandler.class),
        url("/uuid/([^/]+)", UuidHandler.class),
        url("/enum/([^/]+)", EnumHandler.class),
        url("/money/([^/]+)/(\\w+)", MoneyHandler.class),
        url("/named/(?<name>\\w+)/(?<id>[^/]+)", NamedHandler.class),
        url("/optional(?:/(\\d+))?", OptionalHandler.class),
        url("/required(?:/(\\d+))?", RequiredHandler.class),
        url("/varargs/(\\w+)/(\\w+)", VarargsHandler.class)));
  }

  @Test
  void convertsToTheDeclaredTypes() {
    assertEquals("int 42", fetch("/int/41").body());
    assertEquals("int -1", fetch("/int/-2").body());
    assertEquals("long 10000000000", fetch("/long/9999999999").body());
    UUID id = UUID.randomUUID();
    assertEquals("uuid " + id.getMostSignificantBits(), fetch("/uuid/" + id).body());
    assertEquals("color 1", fetch("/enum/GREEN").body());
    assertEquals("color 0", fetch("/enum/red").body());
    assertEquals("5.00 EUR true", fetch("/money/2.50-EUR/TRUE").body());
    assertEquals("[a, b]", fetch("/varargs/a/b").body());
  }

  @Test
  void namedGroupsMatchParameterNames() {
    assertEquals("ann#7", fetch("/named/ann/7").body());
  }

  @Test
  void aMissingOptionalGroupIsNullForAReferenceType() {
    assertEquals("page null", fetch("/optional").body());
    assertEquals("page 3", fetch("/optional/3").body());
  }

  @Test
  void badValuesAre400NamingTheArgument() throws Exception {
    assertBadArgument("/int/abc", "id");
    assertBadArgument("/int/99999999999", "id"); // overflows an int
    assertBadArgument("/long/1.5", "id");
    assertBadArgument("/uuid/not-a-uuid", "id");
    assertBadArgument("/enum/blue", "color");
    assertBadArgument("/money/cheap-EUR/true", "price");
    assertBadArgument("/money/2-EUR/maybe", "taxed");
    assertBadArgument("/named/ann/x", "id");
  }

  @Test
  void aMissingGroupForAPrimitiveIs400NamingTheArgument() throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.get("/required").read();
      assertEquals(400, r.status());
      assertEquals("Missing path argument page", r.reason());
      assertEquals("page 5", c.get("/required/5").read().body()); // and the connection goes on
    }
  }

  private void assertBadArgument(String path, String name) throws Exception {
    try (RawConnection c = new RawConnection(getHttpPort())) {
      RawConnection.Response r = c.get(path).read();
      assertEquals(400, r.status(), path);
      assertEquals("Bad path argument " + name, r.reason(), path);
      assertTrue(r.body().contains("400: Bad path argument " + name), r.body());
    }
  }
}
