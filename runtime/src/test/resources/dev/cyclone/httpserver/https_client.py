"""An HTTPS client on Python's ssl and http.client, for HTTPSServerTest.

Usage: https_client.py PORT CAFILE
Three GETs and a POST on one connection to 127.0.0.1:PORT, trusting only CAFILE and checking the
host name; offers ALPN h2 and http/1.1. Then a TLS 1.2 handshake, and one offering only CBC
suites with RSA key exchange (which the server refuses). Prints key=value lines.
"""
import http.client
import socket
import ssl
import sys

port, cafile = int(sys.argv[1]), sys.argv[2]
context = ssl.create_default_context(cafile=cafile)
context.set_alpn_protocols(["h2", "http/1.1"])
conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
local_ports = set()
for i in range(3):
    conn.request("GET", "/who?i=%d" % i)
    response = conn.getresponse()
    print("get%d=%d %s" % (i, response.status, response.read().decode()))
    local_ports.add(conn.sock.getsockname()[1])
conn.request("POST", "/echo", body=b"posted from python", headers={"Content-Type": "text/plain"})
response = conn.getresponse()
print("post=%d %s" % (response.status, response.read().decode()))
local_ports.add(conn.sock.getsockname()[1])
print("connections=%d" % len(local_ports))
print("alpn=%s" % conn.sock.selected_alpn_protocol())
print("version=%s" % conn.sock.version())
subject = dict(x[0] for x in conn.sock.getpeercert()["subject"])
print("subject=%s" % subject["commonName"])
conn.close()


def handshake(max_version, ciphers):
    ctx = ssl.create_default_context(cafile=cafile)
    ctx.maximum_version = max_version
    ctx.set_ciphers(ciphers)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as s:
                return "accepted %s %s" % (s.version(), s.cipher()[0])
    except ssl.SSLError:
        return "refused"


print("tls12=%s" % handshake(ssl.TLSVersion.TLSv1_2, "ECDHE+AESGCM"))
print("weak=%s" % handshake(ssl.TLSVersion.TLSv1_2, "AES128-SHA:AES256-SHA:AES128-GCM-SHA256"))
