package io.trawl.script.helper;

/**
 * Where a dry run's helper calls go instead of being performed. Called on the thread running the script.
 */
@FunctionalInterface
public interface HelperCalls {

    void record(HelperCall call);
}
