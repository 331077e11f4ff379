package io.trawl.model.decode;

import java.io.ByteArrayOutputStream;

/** Builds link frames byte by byte for tests, the way a sender would lay them out. */
public final class Frames {
    private Frames() {
    }

    public static byte[] ethernetIpv4(byte[] src, int srcPort, byte[] dst, int dstPort, int protocol,
                                      byte[] payload) {
        return concat(ethernetHeader(0x0800), ipv4(src, dst, protocol, transport(protocol, srcPort, dstPort, payload)));
    }

    public static byte[] ethernetIpv6(byte[] src, int srcPort, byte[] dst, int dstPort, int protocol,
                                      byte[] payload) {
        return concat(ethernetHeader(0x86DD), ipv6(src, dst, protocol, transport(protocol, srcPort, dstPort, payload)));
    }

    public static byte[] ethernetHeader(int etherType) {
        return new byte[] {0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, (byte) (etherType >>> 8), (byte) etherType};
    }

    public static byte[] transport(int protocol, int srcPort, int dstPort, byte[] payload) {
        byte[] h;
        if (protocol == DecodedPacket.TCP) {
            h = new byte[20];
            h[12] = 0x50;
            h[13] = 0x18; // PSH|ACK
            h[4] = 1;
        } else if (protocol == DecodedPacket.UDP) {
            h = new byte[8];
            int len = 8 + payload.length;
            h[4] = (byte) (len >>> 8);
            h[5] = (byte) len;
        } else {
            return payload;
        }
        h[0] = (byte) (srcPort >>> 8);
        h[1] = (byte) srcPort;
        h[2] = (byte) (dstPort >>> 8);
        h[3] = (byte) dstPort;
        return concat(h, payload);
    }

    public static byte[] ipv4(byte[] src, byte[] dst, int protocol, byte[] payload) {
        byte[] h = new byte[20];
        h[0] = 0x45;
        int total = 20 + payload.length;
        h[2] = (byte) (total >>> 8);
        h[3] = (byte) total;
        h[8] = 64;
        h[9] = (byte) protocol;
        System.arraycopy(src, 0, h, 12, 4);
        System.arraycopy(dst, 0, h, 16, 4);
        return concat(h, payload);
    }

    public static byte[] ipv6(byte[] src, byte[] dst, int nextHeader, byte[] payload) {
        byte[] h = new byte[40];
        h[0] = 0x60;
        h[4] = (byte) (payload.length >>> 8);
        h[5] = (byte) payload.length;
        h[6] = (byte) nextHeader;
        h[7] = 64;
        System.arraycopy(src, 0, h, 8, 16);
        System.arraycopy(dst, 0, h, 24, 16);
        return concat(h, payload);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
