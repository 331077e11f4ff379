package io.trawl.dissect.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.model.item.Item;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * dissector-service's meters:
 * <ul>
 *   <li>{@code trawl.dissector.packets}: packets read from {@code trawl.packets};</li>
 *   <li>{@code trawl.dissector.items{protocol, outcome}}: items published; outcome {@code ok} or the error type;</li>
 *   <li>{@code trawl.dissector.dead.letters{reason}}: records sent to the dead-letter topic;</li>
 *   <li>{@code trawl.dissector.flows.active}, {@code .evicted}, {@code .expired}, {@code trawl.dissector.reassembly.gaps}:
 *   registered by {@link DissectorService} from the flow tables.</li>
 * </ul>
 * Every tag value comes from a fixed set (protocol names, error types), so cardinality stays bounded.
 */
public final class DissectorMetrics {

    /** Dead-letter reasons: a record that is not a packet record, and a packet the dissectors failed on. */
    static final String FORMAT = "format";
    static final String DISSECTION = "dissection";

    private final MeterRegistry registry;
    private final Counter packets;
    private final ConcurrentMap<String, Counter> items = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> deadLetters = new ConcurrentHashMap<>();

    public DissectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.packets = Counter.builder("trawl.dissector.packets").description("Packets read from Kafka")
                .baseUnit("packets").register(registry);
        // At zero from the start: a dashboard shows "none" rather than "no data".
        deadLetterCounter(FORMAT);
        deadLetterCounter(DISSECTION);
    }

    void packet() {
        packets.increment();
    }

    void item(Item item) {
        String protocol = item.protocol().name();
        String outcome = item.error() == null ? "ok" : item.error().type();
        items.computeIfAbsent(protocol + "/" + outcome, k -> Counter.builder("trawl.dissector.items")
                .description("Items published").tag("protocol", protocol).tag("outcome", outcome)
                .register(registry)).increment();
    }

    void deadLetter(String reason) {
        deadLetterCounter(reason).increment();
    }

    private Counter deadLetterCounter(String reason) {
        return deadLetters.computeIfAbsent(reason, k -> Counter.builder("trawl.dissector.dead.letters")
                .description("Packet records sent to the dead-letter topic").tag("reason", reason)
                .register(registry));
    }

    MeterRegistry registry() {
        return registry;
    }
}
