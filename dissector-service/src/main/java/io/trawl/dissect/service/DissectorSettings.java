package io.trawl.dissect.service;

import io.trawl.dissect.flow.FlowSettings;
import io.trawl.dissect.item.DissectorLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * dissector-service's bounds ({@code trawl.dissector.*}); validated when the service starts, with messages that
 * name the property.
 *
 * @param consumers              consumer threads in this replica, each owning its partitions' flow tables
 * @param maxFlowsPerPartition   conversations tracked per partition before the least recently seen is evicted
 * @param maxBufferedPerDirection out-of-order bytes held per TCP direction
 * @param idleTimeout            a conversation silent this long (capture time) is closed
 * @param maxBodyKept            body bytes kept per message
 * @param maxDecodedBody         body bytes kept after gzip/deflate decoding
 * @param maxHeaderBytes         largest header block of one message
 * @param maxOpenTransactions    requests waiting for responses per conversation
 * @param transactionTimeout     how long a request waits for its response
 */
@ConfigurationProperties("trawl.dissector")
public record DissectorSettings(
        @DefaultValue("1") int consumers,
        @DefaultValue("100000") int maxFlowsPerPartition,
        @DefaultValue("256KB") DataSize maxBufferedPerDirection,
        @DefaultValue("120s") Duration idleTimeout,
        @DefaultValue("64KB") DataSize maxBodyKept,
        @DefaultValue("256KB") DataSize maxDecodedBody,
        @DefaultValue("64KB") DataSize maxHeaderBytes,
        @DefaultValue("64") int maxOpenTransactions,
        @DefaultValue("10s") Duration transactionTimeout) {

    public DissectorSettings {
        if (consumers < 1 || consumers > 64) {
            throw new IllegalArgumentException("trawl.dissector.consumers is " + consumers + "; use 1 to 64");
        }
    }

    public FlowSettings flows() {
        try {
            return new FlowSettings(maxFlowsPerPartition, Math.toIntExact(maxBufferedPerDirection.toBytes()),
                    idleTimeout.toNanos());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("trawl.dissector flow settings: " + e.getMessage(), e);
        }
    }

    public DissectorLimits limits() {
        try {
            int header = Math.toIntExact(maxHeaderBytes.toBytes());
            return new DissectorLimits(Math.min(16 * 1024, header), header, Math.toIntExact(maxBodyKept.toBytes()),
                    Math.toIntExact(maxDecodedBody.toBytes()), maxOpenTransactions, transactionTimeout.toNanos());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException("trawl.dissector limits: " + e.getMessage(), e);
        }
    }
}
