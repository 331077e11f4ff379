package io.trawl.script.service;

import io.trawl.service.ServiceDefaults;

/** Adds {@code script-runner-service.yml}, this service's built-in defaults, to the environment of ScriptRunnerApplication. */
public final class ScriptRunnerDefaults extends ServiceDefaults {

    public ScriptRunnerDefaults() {
        super(ScriptRunnerApplication.class, "script-runner-service.yml");
    }
}
