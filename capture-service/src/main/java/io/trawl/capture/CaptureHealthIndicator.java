package io.trawl.capture;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: up while the capture runs, out of service once it has stopped (a replay that ended, a
 * source that failed), with the summary as details.
 */
@Component("capture")
class CaptureHealthIndicator implements HealthIndicator {

    private final CaptureService service;

    CaptureHealthIndicator(CaptureService service) {
        this.service = service;
    }

    @Override
    public Health health() {
        CaptureSummary summary = service.summary();
        if (summary == null) {
            return Health.up().build();
        }
        Health.Builder builder = Health.outOfService()
                .withDetail("packets", summary.packets())
                .withDetail("publishFailures", summary.publishFailures());
        if (summary.error() != null) {
            builder.withDetail("error", summary.error());
        }
        return builder.build();
    }
}
