#!/usr/bin/env python3
"""The hello world of the load comparison on Python Tornado 6 (Debian's python3-tornado): one
process, one IOLoop.

    /usr/bin/python3 benchmarks/tornado_server.py --port 8080

Prints "ready PORT" once listening. Tornado logs no access line here (logging is not configured,
so INFO records are dropped), as Cyclone's benchmark server turns its access log off.
"""
import argparse
import asyncio

import tornado.web


class HelloHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "text/plain")
        self.write("Hello, World!")


async def main(port):
    app = tornado.web.Application([(r"/", HelloHandler)])
    app.listen(port, "127.0.0.1")
    print("ready", port, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--loops", type=int, default=1, help="must be 1: Tornado runs one loop")
    args = parser.parse_args()
    if args.loops != 1:
        parser.error("Tornado serves with one loop per process")
    asyncio.run(main(args.port))
