package dev.cyclone.processor.model;

import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code @Coroutine} body lowered into states: what the writer turns into the state machine's
 * {@code resume$()} method.
 *
 * @param className the simple name of the generated state-machine class
 * @param resultType the {@code T} of the coroutine's {@code CompletableFuture<T>}
 * @param locals the managed locals: parameters first, in declaration order
 * @param states the states in the order their cases appear (a state may fall through to the next)
 * @param regions the try regions, the exception table
 * @param superCalls the calls to overridden superclass methods, made through method handles
 * @param localTypes the classes, records, enums and interfaces declared in the body, as written:
 *     declared before the state machine, in the method that starts it, so that its fields can
 *     hold their instances across awaits
 */
public record StateMachine(
    String className,
    TypeMirror resultType,
    List<Local> locals,
    List<State> states,
    List<Region> regions,
    List<SuperCall> superCalls,
    List<Code> localTypes) {}
