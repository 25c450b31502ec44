package dev.cyclone.processor.validation;

import com.sun.source.tree.Tree;
import javax.lang.model.element.Element;

/**
 * One misuse found in the user's code: a message that starts with its rule's tag, and where to
 * show it (a tree of the user's source when there is one, otherwise an element).
 */
public record Problem(String message, Element element, Tree tree) {}
