package io.trawl.job.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trawl.job.history.ResultReader;
import io.trawl.job.registry.JobRegistry;
import io.trawl.job.schedule.TickListener;
import io.trawl.model.job.JobResult;

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
 *   <li>{@code trawl.job.registered}: jobs this replica knows;</li>
 *   <li>{@code trawl.job.runs{outcome}}: results recorded by this replica, {@code passed} or {@code failed} (the
 *   replicas share the results, so the sum over replicas is the cluster's);</li>
 *   <li>{@code trawl.job.duration{outcome}}: how long those job functions ran on the runner.</li>
 * </ul>
 * No job or script names as tags: their number is up to the users.
 */
final class JobMetrics implements TickListener, ResultReader.Listener {

    private final Map<Outcome, Counter> ticks = new EnumMap<>(Outcome.class);
    private final Timer lateness;
    private final Counter passed;
    private final Counter failed;
    private final Timer passedDuration;
    private final Timer failedDuration;

    JobMetrics(MeterRegistry registry, JobRegistry jobs) {
        for (Outcome outcome : Outcome.values()) {
            ticks.put(outcome, Counter.builder("trawl.job.ticks").description("Ticks handled by this replica")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        lateness = Timer.builder("trawl.job.fire.lateness")
                .description("From a tick's scheduled time until its fire event was acknowledged").register(registry);
        passed = runs(registry, "passed");
        failed = runs(registry, "failed");
        passedDuration = duration(registry, "passed");
        failedDuration = duration(registry, "failed");
        Gauge.builder("trawl.job.registered", jobs, JobRegistry::size).description("Jobs this replica knows")
                .register(registry);
    }

    private static Counter runs(MeterRegistry registry, String outcome) {
        return Counter.builder("trawl.job.runs").description("Job runs whose result this replica recorded")
                .tag("outcome", outcome).register(registry);
    }

    private static Timer duration(MeterRegistry registry, String outcome) {
        return Timer.builder("trawl.job.duration").description("How long job functions ran on the runner")
                .tag("outcome", outcome).register(registry);
    }

    @Override
    public void recorded(JobResult result) {
        (result.passed() ? passed : failed).increment();
        (result.passed() ? passedDuration : failedDuration).record(Duration.ofMillis(result.durationMillis()));
    }

    @Override
    public void ticked(Outcome outcome, Duration late) {
        ticks.get(outcome).increment();
        if (outcome == Outcome.FIRED) {
            lateness.record(late);
        }
    }
}
