package io.trawl.dissect.dns;

import java.util.Arrays;

/**
 * Cuts one direction of a DNS-over-TCP stream into messages (RFC 1035 section 4.2.2: each message follows a
 * 2-byte big-endian length). Bytes come in any pieces: several messages per piece and one message across any
 * number of pieces both work, and running out of bytes only means waiting for the next piece.
 *
 * <p>A capture gap is survived only when it lies wholly inside one message body: the reassembler says how many
 * bytes were lost, so the framer still knows where that message ends, reports it as {@link Partial} and skips
 * its rest. A gap that swallows a length prefix leaves nothing to count on (a DNS message has no marker to
 * search for), so the framer stops for good and ignores the rest of this direction, counting the bytes.
 *
 * <p>Memory: at most one message body (at most 65,535 bytes) is buffered, and only while it is split.
 */
public final class DnsTcpFramer {

    /** Largest message a 2-byte length prefix can announce. */
    public static final int MAX_MESSAGE_BYTES = 0xFFFF;

    /** Where the framer is in the stream. */
    public enum State {
        /** Reading a length prefix (none or one of its two bytes seen). */
        LENGTH,
        /** Reading the body of a message whose length is known. */
        BODY,
        /** Discarding the rest of a message that a capture gap damaged. */
        SKIP,
        /** Lost track of message boundaries, or the direction ended: bytes are ignored. */
        STOPPED
    }

    /** Receives each whole message; the bytes are valid only during the call. */
    @FunctionalInterface
    public interface MessageHandler {
        void message(byte[] buffer, int offset, int length, long timestampNanos);
    }

    /**
     * What was seen of a message that could not be completed.
     *
     * @param received       the bytes of its body that arrived (a copy)
     * @param length         the length its prefix announced, or -1 when the prefix itself was cut
     * @param timestampNanos capture time of its first byte
     */
    public record Partial(byte[] received, int length, long timestampNanos) {
    }

    private final MessageHandler handler;
    private State state = State.LENGTH;
    private int prefixBytesSeen;
    private int length;
    private byte[] body = new byte[0];
    private int filled;
    private long skip;
    private long messageStartNanos;
    private long ignoredBytes;

    public DnsTcpFramer(MessageHandler handler) {
        this.handler = handler;
    }

    /** In-order bytes of this direction, continuing where the previous call ended. */
    public void feed(byte[] buffer, int offset, int count, long timestampNanos) {
        int pos = offset;
        int end = offset + count;
        while (pos < end) {
            switch (state) {
                case LENGTH -> {
                    if (prefixBytesSeen == 0) {
                        messageStartNanos = timestampNanos;
                    }
                    length = (length << 8) | (buffer[pos++] & 0xFF);
                    if (++prefixBytesSeen == 2) {
                        prefixBytesSeen = 0;
                        filled = 0;
                        if (end - pos >= length) {
                            // Whole body in this piece: hand it over without copying.
                            handler.message(buffer, pos, length, messageStartNanos);
                            pos += length;
                            length = 0;
                        } else {
                            state = State.BODY;
                        }
                    }
                }
                case BODY -> {
                    if (body.length < length) {
                        body = Arrays.copyOf(body, Math.min(MAX_MESSAGE_BYTES, Math.max(length, body.length * 2)));
                    }
                    int n = Math.min(length - filled, end - pos);
                    System.arraycopy(buffer, pos, body, filled, n);
                    filled += n;
                    pos += n;
                    if (filled == length) {
                        state = State.LENGTH;
                        int messageLength = length;
                        length = 0;
                        handler.message(body, 0, messageLength, messageStartNanos);
                    }
                }
                case SKIP -> {
                    int n = (int) Math.min(skip, end - pos);
                    skip -= n;
                    pos += n;
                    if (skip == 0) {
                        state = State.LENGTH;
                    }
                }
                case STOPPED -> {
                    ignoredBytes += end - pos;
                    pos = end;
                }
            }
        }
    }

    /**
     * {@code missing} bytes of this direction were lost in capture. Returns the message they damaged, or null
     * when they fell between messages; {@link #state()} then tells whether framing goes on.
     */
    public Partial gap(long missing) {
        if (missing <= 0) {
            return null;
        }
        switch (state) {
            case BODY -> {
                Partial damaged = partial();
                long rest = (long) length - filled;
                length = 0;
                if (missing <= rest) {
                    skip = rest - missing;
                    state = skip == 0 ? State.LENGTH : State.SKIP;
                } else {
                    stop();
                }
                return damaged;
            }
            case SKIP -> {
                if (missing <= skip) {
                    skip -= missing;
                    if (skip == 0) {
                        state = State.LENGTH;
                    }
                } else {
                    stop();
                }
                return null;
            }
            case LENGTH -> {
                Partial damaged = prefixBytesSeen > 0 ? partial() : null;
                stop();
                return damaged;
            }
            default -> {
                return null;
            }
        }
    }

    /** The direction ended: returns the message it cut short, if any, and stops. */
    public Partial end() {
        Partial cut = switch (state) {
            case BODY -> partial();
            case LENGTH -> prefixBytesSeen > 0 ? partial() : null;
            default -> null;
        };
        stop();
        return cut;
    }

    public State state() {
        return state;
    }

    /** Bytes that arrived after framing stopped and were not looked at. */
    public long ignoredBytes() {
        return ignoredBytes;
    }

    private Partial partial() {
        boolean prefixKnown = state == State.BODY;
        return new Partial(Arrays.copyOf(body, prefixKnown ? filled : 0), prefixKnown ? length : -1,
                messageStartNanos);
    }

    private void stop() {
        state = State.STOPPED;
        prefixBytesSeen = 0;
        length = 0;
        filled = 0;
        skip = 0;
        body = new byte[0];
    }
}
