package dev.cyclone.processor.diagnostics;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Small sources of package {@code d} for the diagnostics tests: common imports, then the lines. */
final class Sources {
  private final String header;

  /** Sources that start with {@code package d;} and an import of each of {@code imports}. */
  Sources(String... imports) {
    StringBuilder h = new StringBuilder("package d;\n");
    for (String i : imports) {
      h.append("import ").append(i).append(";\n");
    }
    this.header = h.toString();
  }

  /** The source {@code d.<name>}: the header, then {@code lines}. */
  JavaFileObject source(String name, String... lines) {
    return JavaFileObjects.forSourceString("d." + name, header + String.join("\n", lines) + "\n");
  }
}
