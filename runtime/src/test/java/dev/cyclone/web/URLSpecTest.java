package dev.cyclone.web;

import static dev.cyclone.web.URLSpec.url;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class URLSpecTest {
  public static class H extends RequestHandler {
    public void get(String... args) {}
  }

  @Test
  void matchesTheWholePathAndDecodesGroups() {
    URLSpec spec = url("/a/([^/]+)/(\\d+)?", H.class);
    assertEquals(List.of("x y", "12"), spec.match("/a/x%20y/12").positional());
    assertEquals(Arrays.asList("x", null), spec.match("/a/x/").positional(), "an unmatched group is null");
    assertNull(spec.match("/a/x/12/extra"));
    assertNull(spec.match("/prefix/a/x/12"));
  }

  @Test
  void namedGroupsAreKeptByName() {
    PathArguments args = url("/(?<year>\\d+)/(?<slug>\\w+)", H.class).match("/2024/abc");
    assertEquals(Map.of("year", "2024", "slug", "abc"), args.named());
    assertEquals(List.of(), args.positional());
    assertEquals(List.of("2024", "abc"), args.inOrder());
  }

  @Test
  void reversesSimplePatterns() {
    assertEquals("/", url("/", H.class).reverse());
    assertEquals("/story/5", url("/story/([0-9]+)", H.class).reverse(5));
    assertEquals("/a/x%20y/z.html", url("^/a/([^/]+)/z\\.html$", H.class).reverse("x y"));
    assertEquals("/files/a/b", url("/files/(.*)", H.class).reverse("a/b"));
  }

  @Test
  void refusesToReverseComplexPatternsOrWrongArgumentCounts() {
    IllegalStateException complex =
        assertThrows(IllegalStateException.class, () -> url("/(?:a|b)/(\\d+)", H.class).reverse(1));
    assertTrue(complex.getMessage().startsWith("[ReverseUrl]"));
    assertThrows(IllegalStateException.class, () -> url("/a+/(\\d+)", H.class).reverse(1));
    assertThrows(IllegalArgumentException.class, () -> url("/(\\d+)", H.class).reverse());
  }

  @Test
  void aPlainPathMatchesItselfOnly() {
    URLSpec spec = url("/about/team", H.class);
    assertSame(PathArguments.NONE, spec.match("/about/team"));
    assertNull(spec.match("/about/team/"));
    assertNull(spec.match("/about"));
    assertNull(spec.match("/About/team"));
    assertSame(PathArguments.NONE, url("^/about$", H.class).match("/about"), "anchors as in Tornado");
    assertNull(url("^/about$", H.class).match("/about$"));
  }

  @Test
  void aPatternWithRegexSyntaxIsNotTakenLiterally() {
    assertSame(PathArguments.NONE, url("/a.b", H.class).match("/aXb"), "'.' is any character");
    assertNull(url("/a.b", H.class).match("/a.b/"));
    assertSame(PathArguments.NONE, url("/a\\.b", H.class).match("/a.b"));
    assertNull(url("/a\\.b", H.class).match("/aXb"));
    assertSame(PathArguments.NONE, url("/price\\$", H.class).match("/price$"), "an escaped $ is the character");
    assertSame(PathArguments.NONE, url("/(?i)about", H.class).match("/ABOUT"));
  }
}
