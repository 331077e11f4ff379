package io.trawl.dissect.service;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: down once a consumer thread has stopped on an error, with the error as detail. */
@Component("dissector")
class DissectorHealthIndicator implements HealthIndicator {

    private final DissectorService service;

    DissectorHealthIndicator(DissectorService service) {
        this.service = service;
    }

    @Override
    public Health health() {
        Exception failure = service.failure();
        return failure == null
                ? Health.up().withDetail("activeFlows", service.activeFlows()).build()
                : Health.down().withDetail("error", String.valueOf(failure.getMessage())).build();
    }
}
