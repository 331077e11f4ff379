package io.trawl.integrations.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trawl.integrations.action.DeliveryListener;
import io.trawl.integrations.action.Outcome;
import io.trawl.model.action.ActionKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * integrations-service's meters (Grafana's dashboards read these names):
 * <ul>
 *   <li>{@code trawl.integrations.deliveries{channel,outcome}}: requests by outcome ({@code delivered},
 *   {@code retried}, {@code dead_lettered}, {@code throttled});</li>
 *   <li>{@code trawl.integrations.retries{channel}}: attempts republished for a retry;</li>
 *   <li>{@code trawl.integrations.dead.letters{channel}}: requests sent to {@code trawl.actions.dlq};</li>
 *   <li>{@code trawl.integrations.delivery{channel,outcome}}: how long each attempt took (timer);</li>
 *   <li>{@code trawl.integrations.duplicates{channel}}: requests skipped as delivered already.</li>
 * </ul>
 * {@code channel} is the action kind's wire name, or {@code unknown} for a record that is not an action request:
 * bounded, as every tag here. Every series exists from the start, at zero.
 */
final class IntegrationsMetrics implements DeliveryListener {

    private static final String UNKNOWN = "unknown";

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    IntegrationsMetrics(MeterRegistry registry) {
        this.registry = registry;
        List<String> channels = new ArrayList<>();
        for (ActionKind kind : ActionKind.values()) {
            channels.add(kind.wireName());
        }
        channels.add(UNKNOWN);
        for (String channel : channels) {
            for (Outcome outcome : Outcome.values()) {
                deliveries(channel, outcome);
                if (outcome != Outcome.THROTTLED) {
                    timer(channel, outcome);
                }
            }
            counter("trawl.integrations.retries", channel, "Attempts republished to the retry topic");
            counter("trawl.integrations.dead.letters", channel, "Requests sent to the dead-letter topic");
            counter("trawl.integrations.duplicates", channel, "Requests skipped as delivered already");
        }
    }

    @Override
    public void outcome(String channel, Outcome outcome, Duration duration) {
        deliveries(channel, outcome).increment();
        if (duration != null) {
            timer(channel, outcome).record(duration);
        }
        if (outcome == Outcome.RETRIED) {
            counter("trawl.integrations.retries", channel, null).increment();
        } else if (outcome == Outcome.DEAD_LETTERED) {
            counter("trawl.integrations.dead.letters", channel, null).increment();
        }
    }

    @Override
    public void duplicate(String channel) {
        counter("trawl.integrations.duplicates", channel, null).increment();
    }

    private Counter deliveries(String channel, Outcome outcome) {
        return counters.computeIfAbsent("deliveries " + channel + " " + outcome.tag(), k ->
                Counter.builder("trawl.integrations.deliveries").description("Action requests by outcome")
                        .tag("channel", channel).tag("outcome", outcome.tag()).register(registry));
    }

    private Counter counter(String name, String channel, String description) {
        return counters.computeIfAbsent(name + " " + channel, k -> Counter.builder(name).description(description)
                .tag("channel", channel).register(registry));
    }

    private Timer timer(String channel, Outcome outcome) {
        return timers.computeIfAbsent(channel + " " + outcome.tag(), k ->
                Timer.builder("trawl.integrations.delivery").description("Duration of delivery attempts")
                        .tag("channel", channel).tag("outcome", outcome.tag()).register(registry));
    }
}
