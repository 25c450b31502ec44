# A Tornado 6.2 server with xsrf_cookies on, for XsrfTornadoInteropTest. Prints "ready PORT".
#   GET  /  -> sets the _xsrf cookie when missing, answers the masked token
#   POST /  -> "ok" when Tornado's own check_xsrf_cookie passed (403 otherwise)
import asyncio
import sys

import tornado.web


class TokenHandler(tornado.web.RequestHandler):
    def get(self):
        self.write(self.xsrf_token)

    def post(self):
        self.write("ok")


async def main():
    app = tornado.web.Application([(r"/", TokenHandler)], xsrf_cookies=True)
    server = app.listen(0, "127.0.0.1")
    port = next(iter(server._sockets.values())).getsockname()[1]
    print("ready %d" % port, flush=True)
    await asyncio.Event().wait()


asyncio.run(main())
