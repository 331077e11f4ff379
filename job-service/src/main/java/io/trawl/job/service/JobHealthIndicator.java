package io.trawl.job.service;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: out of service until every registration made before the start has been read (firing with
 * half the jobs known would skip the others' ticks here); down once the reader or the scheduler stopped on an
 * error.
 */
@Component("jobs")
class JobHealthIndicator implements HealthIndicator {

    private final JobService service;

    JobHealthIndicator(JobService service) {
        this.service = service;
    }

    @Override
    public Health health() {
        Exception failure = service.failure();
        if (failure != null) {
            return Health.down().withDetail("error", String.valueOf(failure.getMessage())).build();
        }
        if (!service.caughtUp()) {
            return Health.outOfService().withDetail("jobs", service.registry().size()).build();
        }
        return Health.up().withDetail("jobs", service.registry().size()).build();
    }
}
