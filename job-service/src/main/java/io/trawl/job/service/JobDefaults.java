package io.trawl.job.service;

import io.trawl.service.ServiceDefaults;

/** Adds {@code job-service.yml}, this service's built-in defaults, to the environment of JobServiceApplication. */
public final class JobDefaults extends ServiceDefaults {

    public JobDefaults() {
        super(JobServiceApplication.class, "job-service.yml");
    }
}
