#!/usr/bin/env bash
# Installs the programs the test suite uses as real peers, from Debian's packages:
#   python3-tornado  Tornado's own WebSocket client and server, for interoperability tests
#   redis-server     the chat example's shared room across two servers
#   chromium         a real browser's WebSocket, driven headless
#   curl             a real HTTP client with a cookie jar, for the login flow test, and an HTTPS
#                    client for the TLS server's tests
# Run as root (CI does, through .ci/run); does nothing when all of them are there.
set -euo pipefail
missing=()
/usr/bin/python3 -c 'import tornado' 2>/dev/null || missing+=(python3-tornado)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v chromium >/dev/null || missing+=(chromium)
[ -x /usr/bin/curl ] || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "== installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
