"""Python Tornado's own WebSocket client against a Cyclone server, for TornadoInteropTest.

Usage: tornado_client.py SCENARIO URL [compress]

Prints one "key: value" line per observation on stdout; TornadoInteropTest asserts on them. Exits
non-zero (with a traceback on stderr) when something fails on this side, and gives up after ten
seconds so that a silent server cannot hang the test.
"""

import asyncio
import hashlib
import random
import sys

from tornado.websocket import websocket_connect

MIB = 1024 * 1024


def say(key, value):
    print("%s: %s" % (key, value), flush=True)


def digest(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


async def read(ws):
    message = await ws.read_message()
    if message is None:
        raise AssertionError("the connection closed (code %s)" % ws.close_code)
    return message


async def wait_closed(ws):
    message = await ws.read_message()
    if message is not None:
        raise AssertionError("expected the close, got a message: %r" % (message[:80],))
    say("close", "%s %s" % (ws.close_code, ws.close_reason))


async def echo(ws):
    """Text, binary and 1 MiB of each, checked here; then the client closes with 4001."""
    rng = random.Random(6455)
    cases = [
        "h\u00e9llo \u2713 \U0001f600",
        bytes(range(256)),
        "".join(rng.choices("abcdefghij \u00e9\u2713", k=MIB)),  # 1 Mi characters
        rng.randbytes(MIB),
    ]
    for case in cases:
        await ws.write_message(case, binary=isinstance(case, bytes))
        answer = await read(ws)
        if type(answer) is not type(case) or answer != case:
            raise AssertionError("echo differs for %s of %d" % (type(case).__name__, len(case)))
        say("echoed", "%s %d %s" % (type(case).__name__, len(case), digest(answer)))
    ws.close(4001, "client bye")
    await wait_closed(ws)


async def server_close(ws):
    """The server closes with 4000 "bye" when asked."""
    await ws.write_message("close")
    await wait_closed(ws)


async def ping(ws):
    """Our ping reaches the server's onPing; the server's ping reaches our on_ping, and our pong
    its onPong (the server answers each hook with a message)."""
    ws.on_ping = lambda data: say("on_ping", data.decode())
    ws.on_pong = lambda data: say("on_pong", data.decode())
    ws.ping(b"from tornado")
    say("message", await read(ws))
    await ws.write_message("ping me")
    say("message", await read(ws))
    ws.close(1000, "done")
    await wait_closed(ws)


async def too_big(ws):
    """A message over the server's limit (1 KiB on its /small route) is answered with 1009."""
    await ws.write_message("x" * 2000)
    await wait_closed(ws)


async def subprotocol(ws):
    say("subprotocol", ws.selected_subprotocol)
    ws.close(1000)
    await wait_closed(ws)


SCENARIOS = {
    "echo": echo,
    "server-close": server_close,
    "ping": ping,
    "too-big": too_big,
    "subprotocol": subprotocol,
}


async def main():
    scenario, url = sys.argv[1], sys.argv[2]
    compression = {} if "compress" in sys.argv[3:] else None
    subprotocols = ["v1.chat", "v2.chat"] if scenario == "subprotocol" else None
    ws = await websocket_connect(
        url, compression_options=compression, connect_timeout=5, subprotocols=subprotocols)
    say("extensions", ws.headers.get("Sec-WebSocket-Extensions", "none"))
    await SCENARIOS[scenario](ws)


if __name__ == "__main__":
    asyncio.run(asyncio.wait_for(main(), 10))
