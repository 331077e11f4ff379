package io.trawl.dissect.detect;

import io.trawl.dissect.item.DissectorLimits;
import io.trawl.dissect.item.FlowContext;
import io.trawl.dissect.item.ItemSink;
import io.trawl.dissect.stream.DatagramDissector;
import io.trawl.dissect.stream.StreamDissector;

import java.util.EnumMap;
import java.util.Map;

/** Which dissector handles each detected protocol, for streams (TCP) and datagrams (UDP). */
public final class DissectorRegistry {

    /** Makes the dissector of one TCP connection. */
    @FunctionalInterface
    public interface StreamFactory {
        StreamDissector create(FlowContext context, DissectorLimits limits, ItemSink sink);
    }

    /** Makes the dissector of one UDP flow. */
    @FunctionalInterface
    public interface DatagramFactory {
        DatagramDissector create(FlowContext context, DissectorLimits limits, ItemSink sink);
    }

    private final Map<AppProtocol, StreamFactory> streams = new EnumMap<>(AppProtocol.class);
    private final Map<AppProtocol, DatagramFactory> datagrams = new EnumMap<>(AppProtocol.class);

    public DissectorRegistry stream(AppProtocol protocol, StreamFactory factory) {
        streams.put(protocol, factory);
        return this;
    }

    public DissectorRegistry datagram(AppProtocol protocol, DatagramFactory factory) {
        datagrams.put(protocol, factory);
        return this;
    }

    /** The factory for a protocol on TCP, or null when Trawl has none. */
    public StreamFactory stream(AppProtocol protocol) {
        return streams.get(protocol);
    }

    public DatagramFactory datagram(AppProtocol protocol) {
        return datagrams.get(protocol);
    }
}
