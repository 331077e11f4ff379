package io.trawl.script.helper;

import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * One global object of the scripts' helper API (version 1), such as {@code env}, {@code utils} or
 * {@code prometheus}, installed by {@link Helpers} into every script context before the script's top-level
 * code runs.
 *
 * <p>The object is a {@link ProxyObject} of {@link org.graalvm.polyglot.proxy.ProxyExecutable}s, never a host
 * object: contexts have no host access. A helper is shared by every worker thread and every script, so it
 * must be thread-safe; what differs per script comes in the {@link ScriptScope}. A helper with an effect
 * outside the script performs it only through {@link ScriptScope#effect}, which performs it in the service and
 * records it in a dry run.
 */
public interface Helper {

    /** The name of the global the script sees, such as {@code "prometheus"}. */
    String global();

    /** The global's value for one script context. Called each time the context is (re)built. */
    ProxyObject create(ScriptScope scope);

    /** Drops what this helper keeps for {@code script} (meters, registrations), once the script is deleted. */
    default void forget(String script) {
    }
}
