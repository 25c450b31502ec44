package dev.cyclone.web;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The dispatcher of {@link ErrorHandler}, the 404 of unmatched paths, by hand (see {@link
 * StaticFileHandler_Dispatcher}): it has no verb, since its {@code prepare()} answers every request.
 */
final class ErrorHandler_Dispatcher implements HandlerDispatcher<ErrorHandler> {
  public ErrorHandler_Dispatcher() {}

  @Override
  public ErrorHandler create() {
    return new ErrorHandler();
  }

  @Override
  public Set<String> methods() {
    return Set.of();
  }

  @Override
  public CompletionStage<?> invoke(ErrorHandler handler, String method, PathArguments args) {
    throw new IllegalStateException("[UnknownVerb] ErrorHandler answers in prepare(); no verb is called");
  }
}
