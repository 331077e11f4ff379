package io.trawl.dissect.flow;

import io.trawl.model.decode.DecodedPacket;

import java.util.Arrays;

/** The endpoint that opened a conversation, to tell the direction of each later packet. */
final class ClientSide {

    private final byte[] address;
    private final int port;

    private ClientSide(byte[] address, int port) {
        this.address = address;
        this.port = port;
    }

    /** The client of the conversation {@code p} belongs to: its source when {@code sourceIsClient}, else its destination. */
    static ClientSide of(DecodedPacket p, boolean sourceIsClient) {
        int offset = sourceIsClient ? p.srcAddrOffset : p.dstAddrOffset;
        return new ClientSide(Arrays.copyOfRange(p.data, offset, offset + p.addressLength()),
                sourceIsClient ? p.srcPort : p.dstPort);
    }

    /** Whether the client sent {@code p}. */
    boolean sent(DecodedPacket p) {
        return p.srcPort == port
                && Arrays.equals(p.data, p.srcAddrOffset, p.srcAddrOffset + p.addressLength(), address, 0, address.length);
    }
}
