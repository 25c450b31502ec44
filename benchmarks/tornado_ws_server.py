"""The WebSocket comparison's Tornado server, in the pattern of Tornado's chat demo: /room sends
every text message it receives to every member (a class-level set, write_message to each), /echo
sends it back. Run with Debian's python3-tornado:

    /usr/bin/python3 benchmarks/tornado_ws_server.py --port 8080
"""
import argparse
import asyncio

import tornado.web
import tornado.websocket


class Room(tornado.websocket.WebSocketHandler):
    waiters = set()

    def open(self):
        Room.waiters.add(self)

    def on_close(self):
        Room.waiters.discard(self)

    def on_message(self, message):
        for waiter in Room.waiters:
            try:
                waiter.write_message(message)
            except tornado.websocket.WebSocketClosedError:
                pass


class Echo(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        self.write_message(message)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--loops", type=int, default=1)  # one process, one loop: Tornado's model
    args = parser.parse_args()
    app = tornado.web.Application([(r"/room", Room), (r"/echo", Echo)])
    app.listen(args.port, "127.0.0.1")
    print("transport asyncio", flush=True)
    print("ready", args.port, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
