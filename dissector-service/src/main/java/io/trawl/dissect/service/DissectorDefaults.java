package io.trawl.dissect.service;

import io.trawl.service.ServiceDefaults;

/** Adds {@code dissector-service.yml}, this service's built-in defaults, to the environment of DissectorApplication. */
public final class DissectorDefaults extends ServiceDefaults {

    public DissectorDefaults() {
        super(DissectorApplication.class, "dissector-service.yml");
    }
}
