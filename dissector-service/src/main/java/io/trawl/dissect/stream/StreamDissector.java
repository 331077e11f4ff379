package io.trawl.dissect.stream;

/**
 * Turns the two reassembled byte streams of one TCP connection into items. One instance per connection,
 * called from one thread. Implementations never throw on bad bytes: malformed traffic becomes an item with a
 * {@code dissection} error, and the dissector resynchronises or gives up on this connection only.
 */
public interface StreamDissector {

    /** In-order bytes of one direction, starting where the previous call ended. Valid only during the call. */
    void data(Direction direction, byte[] buffer, int offset, int length, long timestampNanos);

    /**
     * {@code missing} bytes of one direction were lost in capture. The message they fall in is emitted with a
     * {@code gap} error; parsing resumes at the next message boundary the dissector can find.
     */
    void gap(Direction direction, long missing, long timestampNanos);

    /** One direction ended: with FIN ({@code reset} false) or RST ({@code reset} true). */
    void end(Direction direction, boolean reset, long timestampNanos);

    /**
     * The connection is gone (both sides ended, idle timeout, or evicted under memory pressure): emit whatever
     * is pending, with an error saying why it is incomplete. No call follows.
     */
    void close(long timestampNanos, String reason);
}
