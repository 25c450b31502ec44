package dev.cyclone.processor.model;

import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * A {@code super.m(...)} in a coroutine whose class overrides {@code m}: the generated class calls
 * the superclass's method through a method handle held in a static field.
 *
 * @param field the field's name in the generated class
 * @param caller the class whose source says {@code super} (the coroutine's declaring class)
 * @param owner the class that declares the method called
 * @param name the method's name
 * @param returnType its erased return type
 * @param parameterTypes its erased parameter types
 */
public record SuperCall(
    String field, TypeElement caller, TypeElement owner, String name, TypeMirror returnType, List<TypeMirror> parameterTypes) {}
