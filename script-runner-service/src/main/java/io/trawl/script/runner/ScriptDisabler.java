package io.trawl.script.runner;

/** Disables a script for every replica, with a reason the API shows: the script store's write. */
@FunctionalInterface
public interface ScriptDisabler {

    void disable(String script, String reason);
}
