package dev.cyclone.web;

import java.util.concurrent.CompletableFuture;

/** Stands in for the class the processor generates for {@link HandlerDispatchersTest.CoHandler}. */
public class HandlerDispatchersTest_CoHandler_Coroutines extends HandlerDispatchersTest.CoHandler {
  @Override
  public CompletableFuture<Void> get() {
    write("compiled");
    return CompletableFuture.completedFuture(null);
  }
}
