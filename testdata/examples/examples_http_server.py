#!/usr/bin/env python3
"""The HTTP/1.1 server behind testdata/examples/examples.pcap: a small shop API with a few bad habits.

Used by make-capture.sh only, inside its server network namespace. Every answer is decided by the
request alone (no randomness), so a remake has the same statuses; only timings and dates change.

  GET  /health                      200 "ok"
  GET  /api/users/<n>               200 JSON; 404 when n >= 9000
  GET  /api/orders/<id>             200 JSON (ids are UUIDs or hex strings)
  GET  /api/search?q=<term>         200 JSON. Terms in WARM_TERMS answer at once; any other term is a
                                    cache miss that takes COLD_DELAY_SECONDS and is then cached. The
                                    response says which with "X-Cache: hit" or "X-Cache: miss".
  GET  /api/payments                500: the payment backend is down
  GET  /api/reports/<n>             200 JSON; 500 for n = 13
  GET  /api/inventory/<sku>         503 with Retry-After: 30
  POST /api/checkout                500
  POST /api/login                   Basic auth: 200 for user:secret, 401 for anything else
  GET  /api/profile                 Basic or Bearer auth: 200 when any Authorization is sent, else 401
  anything else                     404

Usage: examples_http_server.py ADDRESS PORT
"""

import base64
import http.server
import json
import sys
import time
import urllib.parse

COLD_DELAY_SECONDS = 0.3
WARM_TERMS = {"packet", "flow", "stream", "segment", "window", "socket", "frame", "header", "payload", "route"}
VALID_LOGIN = "user:secret"


class ShopHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "examples-http-server/1"
    sys_version = ""
    cache = set(WARM_TERMS)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        parts = [p for p in url.path.split("/") if p]
        if url.path == "/health":
            self._send(200, {"status": "ok"})
        elif len(parts) == 3 and parts[:2] == ["api", "users"] and parts[2].isdigit():
            user = int(parts[2])
            if user >= 9000:
                self._send(404, {"error": "no such user", "id": user})
            else:
                self._send(200, {"id": user, "name": f"user-{user}"})
        elif len(parts) == 3 and parts[:2] == ["api", "orders"]:
            self._send(200, {"id": parts[2], "items": 2, "total": 41.5})
        elif url.path == "/api/search":
            term = urllib.parse.parse_qs(url.query).get("q", [""])[0]
            hit = term in self.cache
            if not hit:
                time.sleep(COLD_DELAY_SECONDS)
                self.cache.add(term)
            self._send(200, {"q": term, "results": len(term)}, {"X-Cache": "hit" if hit else "miss"})
        elif url.path == "/api/payments":
            self._send(500, {"error": "payment backend unavailable"})
        elif len(parts) == 3 and parts[:2] == ["api", "reports"] and parts[2].isdigit():
            if parts[2] == "13":
                self._send(500, {"error": "report generation failed"})
            else:
                self._send(200, {"report": int(parts[2]), "rows": 3})
        elif len(parts) == 3 and parts[:2] == ["api", "inventory"]:
            self._send(503, {"error": "inventory is being re-indexed"}, {"Retry-After": "30"})
        elif url.path == "/api/profile":
            if self.headers.get("Authorization"):
                self._send(200, {"profile": "ok"})
            else:
                self._send(401, {"error": "log in first"}, {"WWW-Authenticate": 'Basic realm="shop"'})
        else:
            self._send(404, {"error": "not here"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        if self.path == "/api/checkout":
            self._send(500, {"error": "checkout failed"})
        elif self.path == "/api/login":
            if self._basic_credentials() == VALID_LOGIN:
                self._send(200, {"login": "ok"})
            else:
                self._send(401, {"error": "bad credentials"}, {"WWW-Authenticate": 'Basic realm="shop"'})
        else:
            self._send(404, {"error": "not here"})

    def _basic_credentials(self):
        value = self.headers.get("Authorization", "")
        if not value.startswith("Basic "):
            return None
        return base64.b64decode(value[len("Basic "):]).decode("utf-8", "replace")

    def _send(self, status, answer, extra_headers=None):
        body = (json.dumps(answer, sort_keys=True) + "\n").encode("ascii")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        sys.stderr.write("examples-http-server: " + (fmt % args) + "\n")


def main():
    address, port = sys.argv[1], int(sys.argv[2])
    server = http.server.ThreadingHTTPServer((address, port), ShopHandler)
    sys.stderr.write(f"examples-http-server: listening on {address}:{port}\n")
    sys.stderr.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
