package dev.cyclone.archetype;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's build snippet compiles as written: its {@code pom.xml} (section "Using Cyclone in
 * your build") builds its Hello, world (section "Hello, world") offline against this build's
 * artifacts, and the processor writes the dispatchers under the names the README gives.
 */
class ReadmeIT {
  static final Path README = Path.of(ArchetypeIT.property("it.readme"));
  static final Path PROJECT = Path.of(ArchetypeIT.property("it.directory")).resolveSibling("it-readme");

  @Test
  void theReadmesPomCompilesTheReadmesHelloWorld() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String pom = firstBlock(section(readme, "## Using Cyclone in your build"), "xml");
    String hello = firstBlock(section(readme, "## Hello, world"), "java");
    assertTrue(pom.contains("<version>" + ArchetypeIT.property("it.cycloneVersion") + "</version>"),
        "the README's pom.xml names another Cyclone than this build's "
            + ArchetypeIT.property("it.cycloneVersion") + ": update it");

    ArchetypeIT.deleteRecursively(PROJECT);
    Files.createDirectories(PROJECT.resolve("src/main/java"));
    Files.writeString(PROJECT.resolve("pom.xml"), pom, StandardCharsets.UTF_8);
    Files.writeString(PROJECT.resolve("src/main/java/Hello.java"), hello, StandardCharsets.UTF_8);
    Maven.run(PROJECT, PROJECT.resolve("compile.log"), "compile");

    Path generated = PROJECT.resolve("target/generated-sources/annotations");
    assertTrue(Files.exists(generated.resolve("Hello_MainHandler_Dispatcher.java")), "Outer_Inner_Dispatcher");
    assertTrue(Files.exists(PROJECT.resolve("target/classes/Hello_StoryHandler_Dispatcher.class")));
  }

  /** The text from {@code heading} to the next heading of its level. */
  private static String section(String markdown, String heading) {
    int start = markdown.indexOf("\n" + heading + "\n");
    assertTrue(start >= 0, "the README has no section " + heading);
    int end = markdown.indexOf("\n## ", start + heading.length() + 1);
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }

  /** The first fenced code block in {@code language}. */
  private static String firstBlock(String markdown, String language) {
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    assertTrue(m.find(), "no ```" + language + " block");
    return m.group(1);
  }
}
