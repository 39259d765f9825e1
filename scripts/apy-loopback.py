"""Start Apertium APy listening on 127.0.0.1 only.

APy has no option for the interface it binds and listens on all of them; this wrapper
pins Tornado's bind address to the loopback interface, then runs APy's own main().
Arguments are APy's (e.g. -p PORT /usr/share/apertium/modes).
"""
import sys

import tornado.tcpserver

_bind = tornado.tcpserver.TCPServer.bind


def _loopback_bind(self, port, address=None, *args, **kwargs):
    return _bind(self, port, "127.0.0.1", *args, **kwargs)


tornado.tcpserver.TCPServer.bind = _loopback_bind

from apertium_apy.apy import main  # noqa: E402 (after the patch on purpose)

sys.argv[0] = "apertium-apy"
main()
