package io.trawl.dissect.flow;

import io.trawl.dissect.item.FlowContext;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.item.Endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Builds the {@link FlowContext} of a new conversation: endpoints as text and a deterministic stream name. */
final class FlowNames {

    private FlowNames() {
    }

    /**
     * @param clientIsSource whether the packet's source is the side that opened the conversation
     */
    static FlowContext context(DecodedPacket p, byte[] flowKey, boolean clientIsSource, String node, String layer4,
                               long startNanos) {
        Endpoint source = Endpoint.of(address(p, p.srcAddrOffset), p.srcPort);
        Endpoint destination = Endpoint.of(address(p, p.dstAddrOffset), p.dstPort);
        String stream = layer4 + "-" + hash(flowKey) + "-" + startNanos;
        return clientIsSource
                ? new FlowContext(source, destination, node, stream, startNanos)
                : new FlowContext(destination, source, node, stream, startNanos);
    }

    private static String address(DecodedPacket p, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(p.data, offset, offset + p.addressLength()))
                    .getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + p.addressLength() + " bytes", e);
        }
    }

    private static String hash(byte[] flowKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(flowKey);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
