#!/usr/bin/env python3
"""Swaps the packet data of two records of a classic pcap file, keeping every timestamp in place.

The result looks like a capture in which the later segment arrived first: time still runs
forward, the two segments' sequence numbers do not. Used by make-captures.sh for
http/reordered.pcap. Only classic pcap (either byte order, micro- or nanosecond) is read.

Usage: pcap_swap.py IN OUT FRAME_A FRAME_B   (frame numbers count from 1, as in tshark)
"""

import struct
import sys

MAGICS = {
    b"\xd4\xc3\xb2\xa1": "<", b"\xa1\xb2\xc3\xd4": ">",  # microseconds
    b"\x4d\x3c\xb2\xa1": "<", b"\xa1\xb2\x3c\x4d": ">",  # nanoseconds
}
GLOBAL_HEADER = 24
RECORD_HEADER = 16


def read_records(data):
    order = MAGICS.get(data[:4])
    if order is None:
        sys.exit("not a classic pcap file")
    records = []
    pos = GLOBAL_HEADER
    while pos < len(data):
        if pos + RECORD_HEADER > len(data):
            sys.exit(f"truncated record header at byte {pos}")
        ts_sec, ts_frac, incl_len, orig_len = struct.unpack(order + "IIII", data[pos:pos + RECORD_HEADER])
        start = pos + RECORD_HEADER
        if start + incl_len > len(data):
            sys.exit(f"truncated record data at byte {start}")
        records.append([ts_sec, ts_frac, orig_len, data[start:start + incl_len]])
        pos = start + incl_len
    return order, records


def main():
    source, target, a, b = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(source, "rb") as f:
        data = f.read()
    order, records = read_records(data)
    if not (1 <= a <= len(records) and 1 <= b <= len(records)) or a == b:
        sys.exit(f"frames {a} and {b} must be two different frames of 1..{len(records)}")
    ra, rb = records[a - 1], records[b - 1]
    ra[2], rb[2] = rb[2], ra[2]
    ra[3], rb[3] = rb[3], ra[3]
    with open(target, "wb") as f:
        f.write(data[:GLOBAL_HEADER])
        for ts_sec, ts_frac, orig_len, payload in records:
            f.write(struct.pack(order + "IIII", ts_sec, ts_frac, len(payload), orig_len))
            f.write(payload)


if __name__ == "__main__":
    main()
