#!/usr/bin/env bash
# Installs the load generator and the Tornado server the load comparison needs, and openssl for
# the certificate of tls.sh (Debian packages).
# Run as root once per machine: benchmarks/install-tools.sh
set -euo pipefail
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v openssl >/dev/null || missing+=(openssl)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
python3 -c 'import tornado' 2>/dev/null || /usr/bin/python3 -c 'import tornado' 2>/dev/null || missing+=(python3-tornado)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
wrk --version 2>&1 | head -1 || true
/usr/bin/python3 -c 'import tornado, sys; print("tornado", tornado.version, "python", sys.version.split()[0])'
