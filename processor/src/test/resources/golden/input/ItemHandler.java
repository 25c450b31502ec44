package golden;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.annotations.Coroutine;
import dev.cyclone.web.RequestHandler;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A handler in all three styles, with typed path arguments: golden dispatcher and coroutines. */
public class ItemHandler extends RequestHandler {
  static Function<UUID, CompletableFuture<String>> store = id -> CompletableFuture.completedFuture("item " + id);

  public enum Format { TEXT, JSON }

  /** GET /items/{id}/{format}: a coroutine. */
  @Coroutine
  public CompletableFuture<Void> get(UUID id, Format format) {
    String item = await(store.apply(id));
    write(format == Format.JSON ? "{\"item\":\"" + item + "\"}" : item);
    return CompletableFuture.completedFuture(null);
  }

  /** DELETE /items/{id}/{format}: callback style, finished later. */
  @Asynchronous(timeout = 5000)
  public void delete(UUID id, Format format) {
    store.apply(id).thenAccept(item -> finish("deleted " + item));
  }

  /** PUT /items/{id}/{format}: plain, for logged-in users only. */
  @dev.cyclone.annotations.Authenticated
  public void put(UUID id, Format format) {
    write("stored " + id);
  }
}
