package golden;

import static dev.cyclone.concurrent.Coroutines.await;

import dev.cyclone.annotations.Asynchronous;
import dev.cyclone.annotations.Coroutine;
import dev.cyclone.websocket.WebSocketHandler;
import java.util.concurrent.CompletableFuture;

public class ChatSocket extends WebSocketHandler {
  public void open(String room, int seat) {
    writeMessage("welcome to " + room + ", seat " + seat);
  }

  @Coroutine
  public CompletableFuture<Void> onMessage(String message) {
    await(writeMessage("you said " + message));
    return CompletableFuture.completedFuture(null);
  }

  @Asynchronous
  public void onMessage(byte[] data) {
    writeMessage(data).thenRun(this::done);
  }
}
