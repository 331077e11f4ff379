package io.trawl.dissect.flow;

/**
 * Bounds of a flow table.
 *
 * @param maxFlows              conversations tracked at once; beyond it the least recently seen is evicted
 * @param maxBufferedBytes      out-of-order bytes held per TCP direction before a hole is declared lost
 * @param idleTimeoutNanos      a conversation silent this long (capture time) is closed
 * @param maxPendingFragmentedDatagrams IP datagrams waiting for missing fragments before the oldest is dropped
 * @param fragmentTimeoutNanos  how long fragments wait for the rest of their datagram
 */
public record FlowSettings(int maxFlows, int maxBufferedBytes, long idleTimeoutNanos,
                           int maxPendingFragmentedDatagrams, long fragmentTimeoutNanos) {

    public static FlowSettings defaults() {
        return new FlowSettings(100_000, 256 * 1024, 120_000_000_000L, 4096, 30_000_000_000L);
    }

    /** The given flow bounds with the default fragment bounds. */
    public FlowSettings(int maxFlows, int maxBufferedBytes, long idleTimeoutNanos) {
        this(maxFlows, maxBufferedBytes, idleTimeoutNanos, 4096, 30_000_000_000L);
    }

    public FlowSettings {
        if (maxFlows <= 0) {
            throw new IllegalArgumentException("maxFlows is " + maxFlows + "; must be positive");
        }
        if (maxBufferedBytes < 0) {
            throw new IllegalArgumentException("maxBufferedBytes is " + maxBufferedBytes + "; must be 0 or more");
        }
        if (idleTimeoutNanos <= 0) {
            throw new IllegalArgumentException("idleTimeoutNanos must be positive");
        }
        if (maxPendingFragmentedDatagrams <= 0 || fragmentTimeoutNanos <= 0) {
            throw new IllegalArgumentException("fragment bounds must be positive");
        }
    }
}
