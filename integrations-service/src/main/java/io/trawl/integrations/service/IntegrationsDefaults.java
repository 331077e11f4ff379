package io.trawl.integrations.service;

import io.trawl.service.ServiceDefaults;

/**
 * Adds {@code integrations-service.yml}, this service's built-in defaults, to the environment of
 * IntegrationsApplication.
 */
public final class IntegrationsDefaults extends ServiceDefaults {

    public IntegrationsDefaults() {
        super(IntegrationsApplication.class, "integrations-service.yml");
    }
}
