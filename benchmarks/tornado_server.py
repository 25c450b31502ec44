#!/usr/bin/env python3
"""The hello world of the load comparison on Python Tornado 6 (Debian's python3-tornado): one
IOLoop per process; with --loops N, N processes sharing the listening socket, Tornado's own way to
use several cores (tornado.process.fork_processes).

    /usr/bin/python3 benchmarks/tornado_server.py --port 8080 [--loops N]

Prints "ready PORT" once listening. Tornado logs no access line here (logging is not configured,
so INFO records are dropped), as Cyclone's benchmark server turns its access log off.
"""
import argparse
import asyncio
import ctypes
import signal

import tornado.netutil
import tornado.process
import tornado.web


class HelloHandler(tornado.web.RequestHandler):
    def get(self):
        self.set_header("Content-Type", "text/plain")
        self.write("Hello, World!")


async def serve(sockets, announce, port):
    app = tornado.web.Application([(r"/", HelloHandler)])
    server = tornado.httpserver.HTTPServer(app)
    server.add_sockets(sockets)
    if announce:
        print("ready", port, flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    import tornado.httpserver

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--loops", type=int, default=1, help="processes, one loop each")
    args = parser.parse_args()
    sockets = tornado.netutil.bind_sockets(args.port, "127.0.0.1")
    task_id = None
    if args.loops > 1:
        task_id = tornado.process.fork_processes(args.loops, max_restarts=0)  # returns in each child
        # a child ends with the parent the benchmark stops (Linux's PR_SET_PDEATHSIG)
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)
    asyncio.run(serve(sockets, task_id in (None, 0), args.port))
