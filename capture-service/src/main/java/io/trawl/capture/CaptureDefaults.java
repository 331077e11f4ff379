package io.trawl.capture;

import io.trawl.service.ServiceDefaults;

/** Adds {@code capture-service.yml}, this service's built-in defaults, to the environment of CaptureApplication. */
public final class CaptureDefaults extends ServiceDefaults {

    public CaptureDefaults() {
        super(CaptureApplication.class, "capture-service.yml");
    }
}
