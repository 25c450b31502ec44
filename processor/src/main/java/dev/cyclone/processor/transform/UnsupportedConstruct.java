package dev.cyclone.processor.transform;

import com.sun.source.tree.Tree;

/**
 * Thrown by the lowering for code it cannot compile; the processor reports it as a compile error
 * on {@link #tree()}, with a message that starts with the rule's tag.
 */
public final class UnsupportedConstruct extends RuntimeException {
  private final transient Tree tree;

  public UnsupportedConstruct(Tree tree, String message) {
    super(message, null, false, false);
    this.tree = tree;
  }

  public Tree tree() {
    return tree;
  }
}
