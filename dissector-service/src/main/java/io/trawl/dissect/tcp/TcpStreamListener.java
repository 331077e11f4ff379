package io.trawl.dissect.tcp;

/** Receives one direction of a TCP connection in order, as {@link TcpReassembler} rebuilds it. */
public interface TcpStreamListener {

    /** In-order bytes; valid only during the call. */
    void data(byte[] buffer, int offset, int length, long timestampNanos);

    /** {@code missing} bytes will never arrive (lost in capture); the next {@link #data} follows the hole. */
    void gap(long missing, long timestampNanos);

    /** The direction ended, by FIN after all its bytes, or by RST. */
    void end(boolean reset, long timestampNanos);
}
