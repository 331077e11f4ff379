package io.trawl.capture.source;

/**
 * Where packets come from: a capture file or a live interface. A source runs on the caller's thread until it
 * ends or {@link #stop()} is called from another thread.
 */
public interface PacketSource extends AutoCloseable {

    /** A short, bounded name for metrics and logs: {@code file} or the interface name. */
    String name();

    /**
     * Delivers packets to {@code sink} until the source ends or is stopped.
     *
     * @throws CaptureException when the source fails; packets delivered before the failure stay delivered
     */
    void run(PacketSink sink) throws CaptureException;

    /** Asks a running source to return from {@link #run} soon. Safe from any thread. */
    void stop();

    /** Packets the kernel dropped because the capture buffer was full; 0 for files. */
    default long kernelDrops() {
        return 0;
    }

    /** Packets the interface or driver dropped; 0 for files. */
    default long interfaceDrops() {
        return 0;
    }

    @Override
    default void close() {
    }
}
