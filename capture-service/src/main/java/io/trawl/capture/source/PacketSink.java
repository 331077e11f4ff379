package io.trawl.capture.source;

/**
 * Receives packets from a {@link PacketSource}. The bytes are only valid during the call.
 */
@FunctionalInterface
public interface PacketSink {
    void accept(long timestampNanos, int linkType, int originalLength, byte[] data, int offset, int length,
                String iface);
}
