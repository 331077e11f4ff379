package io.trawl.dissect.flow;

import io.trawl.model.decode.DecodedPacket;

/** The state of one conversation in a {@link FlowTable}. */
interface Flow {

    /** One packet of this conversation, decoded; its bytes are valid only during the call. */
    void packet(DecodedPacket packet, long timestampNanos);

    /** Capture time has reached {@code nowNanos}: let dissectors emit what timed out. */
    void expire(long nowNanos);

    /** The flow leaves the table: emit everything pending. */
    void close(long timestampNanos, String reason);

    /** Whether both sides are done and the flow can leave the table now. */
    boolean finished();

    long lastSeenNanos();

    /** Kafka offset of the flow's first packet, or -1 when not read from Kafka. */
    long firstOffset();
}
