package io.trawl.dissect.dns;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/** Builds DNS messages byte by byte for tests: header, names (with or without pointers), records. */
final class DnsWire {

    private byte[] buf = new byte[64];
    private int size;

    static DnsWire header(int id, int flags, int questions, int answers, int authorities, int additionals) {
        return new DnsWire().u16(id).u16(flags).u16(questions).u16(answers).u16(authorities).u16(additionals);
    }

    int offset() {
        return size;
    }

    DnsWire u8(int v) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, size * 2);
        }
        buf[size++] = (byte) v;
        return this;
    }

    DnsWire u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    DnsWire u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    DnsWire bytes(byte... b) {
        for (byte x : b) {
            u8(x);
        }
        return this;
    }

    DnsWire hex(String hex) {
        return bytes(java.util.HexFormat.of().parseHex(hex));
    }

    /** Labels of {@code dotted} (may be empty for none), without the terminating zero. */
    DnsWire labels(String dotted) {
        if (!dotted.isEmpty()) {
            for (String label : dotted.split("\\.")) {
                byte[] b = label.getBytes(StandardCharsets.ISO_8859_1);
                u8(b.length).bytes(b);
            }
        }
        return this;
    }

    /** A whole uncompressed name. */
    DnsWire name(String dotted) {
        return labels(dotted).u8(0);
    }

    DnsWire pointer(int target) {
        return u16(0xC000 | target);
    }

    DnsWire question(String name, int type, int dnsClass) {
        return name(name).u16(type).u16(dnsClass);
    }

    /**
     * Type, class, TTL, then the record data written by {@code data} in place (so its pointers are right),
     * preceded by its length. The owner name must already be written.
     */
    DnsWire rr(int type, int dnsClass, long ttl, Consumer<DnsWire> data) {
        u16(type).u16(dnsClass).u32(ttl);
        int lengthAt = size;
        u16(0);
        data.accept(this);
        int length = size - lengthAt - 2;
        buf[lengthAt] = (byte) (length >>> 8);
        buf[lengthAt + 1] = (byte) length;
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, size);
    }

    /** A DNS message with a 2-byte length prefix, as on TCP. */
    static byte[] prefixed(byte[] message) {
        byte[] out = new byte[message.length + 2];
        out[0] = (byte) (message.length >>> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }

    static byte[] query(int id, String name, int type) {
        return header(id, 0x0100, 1, 0, 0, 0).question(name, type, 1).toBytes();
    }

    static byte[] answerA(int id, String name, String ip) {
        byte[] address = new byte[4];
        String[] parts = ip.split("\\.");
        for (int i = 0; i < 4; i++) {
            address[i] = (byte) Integer.parseInt(parts[i]);
        }
        return header(id, 0x8180, 1, 1, 0, 0).question(name, 1, 1)
                .pointer(12).rr(1, 1, 300, w -> w.bytes(address)).toBytes();
    }
}
