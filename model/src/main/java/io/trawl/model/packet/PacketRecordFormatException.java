package io.trawl.model.packet;

/** A byte sequence on {@code trawl.packets} that is not a packet record this build can read. */
public class PacketRecordFormatException extends IllegalArgumentException {
    public PacketRecordFormatException(String message) {
        super(message);
    }
}
