#!/usr/bin/env python3
"""Sends several HTTP/1.1 GETs in one write (pipelining) and reads the answers to the end.

The last request carries "Connection: close", so the server closes once it has answered
them all. Used by make-captures.sh for http/pipelined.pcap.

Usage: pipelined_client.py HOST PORT PATH...
"""

import socket
import sys

TIMEOUT_SECONDS = 10


def main():
    host, port, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    requests = []
    for i, path in enumerate(paths):
        last = i == len(paths) - 1
        requests.append(
            f"GET {path} HTTP/1.1\r\n"
            f"Host: {host}\r\n"
            "User-Agent: golden-pipelined-client/1\r\n"
            "Accept: */*\r\n"
            + ("Connection: close\r\n" if last else "")
            + "\r\n")
    with socket.create_connection((host, port), timeout=TIMEOUT_SECONDS) as sock:
        sock.sendall("".join(requests).encode("ascii"))
        received = bytearray()
        while chunk := sock.recv(65536):
            received += chunk
    answers = received.count(b"HTTP/1.1 ")
    print(f"pipelined {len(paths)} requests, {len(received)} bytes back, {answers} status lines")
    if answers != len(paths):
        sys.exit(f"expected {len(paths)} responses, saw {answers}")


if __name__ == "__main__":
    main()
