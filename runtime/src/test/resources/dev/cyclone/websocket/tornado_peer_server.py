"""A Tornado WebSocket server for Cyclone's client to talk to (Debian's python3-tornado).

Usage: tornado_peer_server.py [CERTFILE KEYFILE]
Binds 127.0.0.1 on a free port and prints "ready PORT"; prints one line per event it sees
("ID on_ping ...", "ID on_pong ...", "ID on_close CODE REASON", where ID is the URL's ?id=)
so that each test can assert what Tornado saw of its own socket.

/echo echoes every message with its type; a text message
  "close CODE REASON" makes the server close with that code and reason,
  "ping DATA"         makes the server ping with DATA (the client's pong is reported).
/echo?compress=1 offers permessage-deflate; the chosen subprotocol is the first offered.
"""
import asyncio
import ssl
import sys

import tornado.httpserver
import tornado.netutil
import tornado.web
import tornado.websocket


def report(*words):
    print(*words, flush=True)


class Echo(tornado.websocket.WebSocketHandler):
    def report(self, *words):
        report(self.get_argument("id", "-"), *words)

    def get_compression_options(self):
        return {} if self.get_argument("compress", None) else None

    def select_subprotocol(self, subprotocols):
        return subprotocols[0] if subprotocols else None

    def open(self):
        self.report("open", self.request.headers.get("Sec-WebSocket-Extensions", "-"),
               self.request.headers.get("X-Test", "-"))

    def on_message(self, message):
        if isinstance(message, str) and message.startswith("close "):
            _, code, reason = message.split(" ", 2)
            self.close(int(code), reason)
        elif isinstance(message, str) and message.startswith("ping "):
            self.ping(message[5:].encode())
        else:
            self.write_message(message, binary=isinstance(message, bytes))

    def on_ping(self, data):
        self.report("on_ping", data.decode())

    def on_pong(self, data):
        self.report("on_pong", data.decode())
        self.write_message("pong " + data.decode())

    def on_close(self):
        self.report("on_close", self.close_code, self.close_reason)


async def main():
    ssl_options = None
    if len(sys.argv) == 3:
        ssl_options = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ssl_options.load_cert_chain(sys.argv[1], sys.argv[2])
    app = tornado.web.Application([(r"/echo", Echo)], websocket_max_message_size=16 * 1024 * 1024)
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    server = tornado.httpserver.HTTPServer(app, ssl_options=ssl_options)
    server.add_sockets(sockets)
    report("ready", sockets[0].getsockname()[1])
    await asyncio.Event().wait()


asyncio.run(main())
