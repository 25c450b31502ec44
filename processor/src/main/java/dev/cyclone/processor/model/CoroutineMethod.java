package dev.cyclone.processor.model;

import javax.lang.model.element.ExecutableElement;

/**
 * A {@code @Coroutine} method and its compiled body.
 *
 * @param method the user's method, whose signature the generated override repeats
 * @param stateMachine the lowered body
 */
public record CoroutineMethod(ExecutableElement method, StateMachine stateMachine) {}
