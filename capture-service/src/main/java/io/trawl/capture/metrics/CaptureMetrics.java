package io.trawl.capture.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.capture.publish.PacketPublisher;
import io.trawl.capture.source.PacketSource;

/**
 * capture-service's meters, tagged by source ({@code file} or the interface name: bounded per node):
 * <ul>
 *   <li>{@code trawl.capture.packets} and {@code trawl.capture.bytes}: handed to Kafka;</li>
 *   <li>{@code trawl.capture.drops{kind=kernel|interface}}: lost before Trawl saw them;</li>
 *   <li>{@code trawl.capture.publish.errors}: sends Kafka did not acknowledge.</li>
 * </ul>
 */
public final class CaptureMetrics implements PacketPublisher.PublishListener {

    private final Counter packets;
    private final Counter bytes;
    private final Counter errors;

    public CaptureMetrics(MeterRegistry registry, PacketSource source) {
        String name = source.name();
        packets = Counter.builder("trawl.capture.packets").description("Packets captured and handed to Kafka")
                .baseUnit("packets").tag("source", name).register(registry);
        bytes = Counter.builder("trawl.capture.bytes").description("Captured bytes handed to Kafka")
                .baseUnit("bytes").tag("source", name).register(registry);
        errors = Counter.builder("trawl.capture.publish.errors").description("Packets Kafka did not acknowledge")
                .tag("source", name).register(registry);
        FunctionCounter.builder("trawl.capture.drops", source, PacketSource::kernelDrops)
                .description("Packets dropped before capture")
                .tags("source", name, "kind", "kernel").register(registry);
        FunctionCounter.builder("trawl.capture.drops", source, PacketSource::interfaceDrops)
                .description("Packets dropped before capture")
                .tags("source", name, "kind", "interface").register(registry);
    }

    @Override
    public void sent(int capturedBytes) {
        packets.increment();
        bytes.increment(capturedBytes);
    }

    @Override
    public void failed(Exception e) {
        errors.increment();
    }
}
