#!/usr/bin/env python3
"""The HTTP/1.1 server behind the golden captures that nginx cannot produce.

Used by make-captures.sh only, inside its server network namespace:

  POST /form, POST /upload  200 with a small JSON body that says how many bytes arrived.
                            http.server answers "Expect: 100-continue" with "100 Continue"
                            itself (handle_expect_100) because protocol_version is HTTP/1.1.
  GET /fail                 500 with a short text body; the connection stays open.
  GET /reset                headers announcing RESET_BODY_DECLARED bytes, RESET_BODY_SENT of them,
                            then SO_LINGER 0 and close: the client sees an RST mid-response.

Usage: golden_http_server.py ADDRESS PORT
"""

import fcntl
import http.server
import json
import os
import socket
import struct
import sys
import termios
import time

RESET_BODY_DECLARED = 100_000
RESET_BODY_SENT = 24_000
DRAIN_TIMEOUT_SECONDS = 5.0


def filler(size):
    """Readable, deterministic body text: numbered lines, cut to exactly size bytes."""
    lines = []
    total = 0
    n = 0
    while total < size:
        line = f"line {n:06d}: the quick brown fox jumps over the lazy dog\n"
        lines.append(line)
        total += len(line)
        n += 1
    return "".join(lines).encode("ascii")[:size]


class GoldenHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "golden-http-server/1"
    sys_version = ""

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if self.path not in ("/form", "/upload"):
            self._send(404, "text/plain", b"no such form\n")
            return
        answer = {
            "path": self.path,
            "contentType": self.headers.get("Content-Type"),
            "received": len(body),
        }
        self._send(200, "application/json", (json.dumps(answer, sort_keys=True) + "\n").encode("ascii"))

    def do_GET(self):
        if self.path == "/fail":
            self._send(500, "text/plain", b"the golden server failed on purpose\n")
        elif self.path == "/reset":
            self._reset_mid_response()
        else:
            self._send(404, "text/plain", b"not here\n")

    def _send(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _reset_mid_response(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(RESET_BODY_DECLARED))
        self.end_headers()
        self.wfile.write(filler(RESET_BODY_SENT))
        sock = self.connection
        # Close with linger 0 discards whatever is still queued, so wait until every byte
        # written has been sent and acknowledged: the capture must show the partial body.
        deadline = time.monotonic() + DRAIN_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            queued = struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]
            if queued == 0:
                break
            time.sleep(0.01)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # rfile keeps a reference to the socket, so socket.close() alone would not close the
        # descriptor; closing the detached descriptor sends the RST now.
        os.close(sock.detach())
        self.close_connection = True

    def log_message(self, fmt, *args):
        sys.stderr.write("golden-http-server: " + (fmt % args) + "\n")


def main():
    address, port = sys.argv[1], int(sys.argv[2])
    server = http.server.HTTPServer((address, port), GoldenHandler)
    sys.stderr.write(f"golden-http-server: listening on {address}:{port}\n")
    sys.stderr.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
