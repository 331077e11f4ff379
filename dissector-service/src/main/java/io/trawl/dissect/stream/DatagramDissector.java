package io.trawl.dissect.stream;

/** Turns the datagrams of one UDP flow into items. One instance per flow, called from one thread. */
public interface DatagramDissector {

    /** One datagram's payload. Valid only during the call. */
    void datagram(Direction direction, byte[] buffer, int offset, int length, long timestampNanos);

    /** Time has moved on to {@code nowNanos} (capture time): emit what has waited too long, e.g. unanswered queries. */
    void expire(long nowNanos);

    /** The flow is gone: emit whatever is pending. No call follows. */
    void close(long timestampNanos, String reason);
}
