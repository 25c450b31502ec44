package golden;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The seed's fetch_image, with a retry loop and a finally: one golden file of the processor. */
public class Fetcher {
  final Function<String, CompletableFuture<byte[]>> http;
  final List<String> log = new ArrayList<>();

  public Fetcher(Function<String, CompletableFuture<byte[]>> http) {
    this.http = http;
  }

  @Coroutine
  public CompletableFuture<byte[]> fetchImage(String url, int attempts) {
    for (int i = 1; ; i++) {
      try {
        byte[] body = await(http.apply(url));
        return CompletableFuture.completedFuture(body);
      } catch (RuntimeException e) {
        if (i >= attempts) {
          throw e;
        }
        log.add("retry " + i + ": " + e.getMessage());
      } finally {
        log.add("attempt " + i + " done");
      }
    }
  }
}
