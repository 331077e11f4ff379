package io.trawl.integrations.service;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Down once a consumer thread stopped on an error: its partitions would wait for a restart. */
@Component("deliveries")
class IntegrationsHealthIndicator implements HealthIndicator {

    private final IntegrationsService service;

    IntegrationsHealthIndicator(IntegrationsService service) {
        this.service = service;
    }

    @Override
    public Health health() {
        Exception failure = service.failure();
        if (failure != null) {
            return Health.down().withDetail("error", String.valueOf(failure.getMessage())).build();
        }
        return Health.up().withDetail("records", service.records()).withDetail("handles", service.handledKinds())
                .build();
    }
}
