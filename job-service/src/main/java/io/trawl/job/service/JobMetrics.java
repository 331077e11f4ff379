package io.trawl.job.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trawl.job.registry.JobRegistry;
import io.trawl.job.schedule.TickListener;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * job-service's meters:
 * <ul>
 *   <li>{@code trawl.job.ticks{outcome}}: ticks this replica handled; outcome {@code fired}, {@code taken} (another
 *   replica fired it), {@code missed}, {@code limit_reached} or {@code failed}. Summed over replicas, {@code fired}
 *   is the cluster's runs;</li>
 *   <li>{@code trawl.job.fire.lateness}: from a tick's scheduled time to its fire event's acknowledgement;</li>
 *   <li>{@code trawl.job.registered}: jobs this replica knows.</li>
 * </ul>
 * No job or script names as tags: their number is up to the users.
 */
final class JobMetrics implements TickListener {

    private final Map<Outcome, Counter> ticks = new EnumMap<>(Outcome.class);
    private final Timer lateness;

    JobMetrics(MeterRegistry registry, JobRegistry jobs) {
        for (Outcome outcome : Outcome.values()) {
            ticks.put(outcome, Counter.builder("trawl.job.ticks").description("Ticks handled by this replica")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        lateness = Timer.builder("trawl.job.fire.lateness")
                .description("From a tick's scheduled time until its fire event was acknowledged").register(registry);
        Gauge.builder("trawl.job.registered", jobs, JobRegistry::size).description("Jobs this replica knows")
                .register(registry);
    }

    @Override
    public void ticked(Outcome outcome, Duration late) {
        ticks.get(outcome).increment();
        if (outcome == Outcome.FIRED) {
            lateness.record(late);
        }
    }
}
