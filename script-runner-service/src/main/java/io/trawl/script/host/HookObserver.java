package io.trawl.script.host;

/**
 * Told about every hook call a host makes, on the worker thread, right after it: the service times them per
 * script and hook. Must be cheap; it runs once per script per item.
 */
@FunctionalInterface
public interface HookObserver {

    HookObserver NONE = (script, hook, nanos, failed) -> { };

    /**
     * @param nanos  how long the call took, guest code and helpers included
     * @param failed whether it ended in an error (thrown, timed out, over budget)
     */
    void called(String script, String hook, long nanos, boolean failed);
}
