package io.trawl.dissect.dns;

/**
 * A DNS message that cannot be read: its message names what is wrong and at which offset from the start of
 * the message. Malformed traffic is common and expected, so the exception carries no stack trace.
 */
public final class DnsFormatException extends Exception {

    private final int offset;

    public DnsFormatException(String reason, int offset) {
        super(reason + " at offset " + offset, null, false, false);
        this.offset = offset;
    }

    /** Offset from the start of the message where reading failed. */
    public int offset() {
        return offset;
    }
}
