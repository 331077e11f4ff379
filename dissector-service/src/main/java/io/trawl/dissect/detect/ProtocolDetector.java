package io.trawl.dissect.detect;

import io.trawl.model.packet.Bytes;

import java.nio.charset.StandardCharsets;

/**
 * Tells the protocol of a conversation from its first bytes, not its port: HTTP/1.x on any port, DNS on UDP
 * and TCP. Ports only break ties a content check cannot (a DNS-shaped datagram on port 53 vs. elsewhere is
 * accepted either way, but stricter checks apply off port 53).
 */
public final class ProtocolDetector {

    /** The outcome of a look at the first bytes. */
    public enum Verdict { HTTP, DNS, UNKNOWN, NEED_MORE }

    /** Bytes needed at most to decide on a stream. */
    public static final int MAX_PROBE_BYTES = 16;

    private static final byte[][] METHODS = ascii("GET ", "POST ", "PUT ", "DELETE ", "HEAD ", "OPTIONS ",
            "PATCH ", "CONNECT ", "TRACE ", "PROPFIND ", "PROPPATCH ", "MKCOL ", "COPY ", "MOVE ", "LOCK ",
            "UNLOCK ", "REPORT ", "SEARCH ", "PURGE ");
    private static final byte[] HTTP_RESPONSE = ascii("HTTP/1.")[0];

    private ProtocolDetector() {
    }

    /** The first bytes of either direction of a TCP stream. */
    public static Verdict stream(byte[] b, int off, int len, int serverPort) {
        boolean undecidedHttp = false;
        for (byte[] method : METHODS) {
            int m = match(b, off, len, method);
            if (m == FULL) {
                return Verdict.HTTP;
            }
            undecidedHttp |= m == PREFIX;
        }
        int r = match(b, off, len, HTTP_RESPONSE);
        if (r == FULL) {
            return Verdict.HTTP;
        }
        undecidedHttp |= r == PREFIX;
        if (len >= 2 + 12) {
            int messageLength = Bytes.uint16(b, off);
            if (messageLength >= 12 && plausibleDnsHeader(b, off + 2, Math.min(len - 2, messageLength), serverPort == 53)) {
                return Verdict.DNS;
            }
        } else if (!undecidedHttp) {
            return len >= MAX_PROBE_BYTES ? Verdict.UNKNOWN : Verdict.NEED_MORE;
        }
        return undecidedHttp ? Verdict.NEED_MORE : Verdict.UNKNOWN;
    }

    /** One UDP datagram's payload. */
    public static Verdict datagram(byte[] b, int off, int len, int srcPort, int dstPort) {
        if (len >= 12 && plausibleDnsHeader(b, off, len, srcPort == 53 || dstPort == 53 || srcPort == 5353
                || dstPort == 5353)) {
            return Verdict.DNS;
        }
        return Verdict.UNKNOWN;
    }

    /**
     * A DNS header whose counts fit the message: opcode 0–6, at least one question (or a response on the DNS
     * port), and no more records than the remaining bytes could hold.
     */
    static boolean plausibleDnsHeader(byte[] b, int off, int len, boolean dnsPort) {
        if (len < 12) {
            return false;
        }
        int flags = Bytes.uint16(b, off + 2);
        int opcode = (flags >>> 11) & 0xF;
        int z = (flags >>> 6) & 1;
        int qd = Bytes.uint16(b, off + 4);
        long records = (long) qd + Bytes.uint16(b, off + 6) + Bytes.uint16(b, off + 8) + Bytes.uint16(b, off + 10);
        if (opcode > 6 || records * 5 > len) {
            return false;
        }
        if (dnsPort) {
            return qd >= 1 || (flags & 0x8000) != 0;
        }
        // Off the DNS port: exactly one question whose first label is sane, and no reserved bit set.
        if (qd != 1 || z != 0 || len < 13) {
            return false;
        }
        int label = b[off + 12] & 0xFF;
        return label > 0 && label <= 63 && 12 + 1 + label < len;
    }

    private static final int NO = 0;
    private static final int PREFIX = 1;
    private static final int FULL = 2;

    private static int match(byte[] b, int off, int len, byte[] token) {
        int n = Math.min(len, token.length);
        for (int i = 0; i < n; i++) {
            if (b[off + i] != token[i]) {
                return NO;
            }
        }
        return n == token.length ? FULL : PREFIX;
    }

    private static byte[][] ascii(String... tokens) {
        byte[][] out = new byte[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = tokens[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
