package io.trawl.integrations.action;

import java.util.Locale;

/** What became of one action request: the {@code outcome} tag of {@code trawl.integrations.deliveries}. */
public enum Outcome {
    /** Performed. */
    DELIVERED,
    /** Failed in a way a later attempt may not; republished to the retry topic. */
    RETRIED,
    /** Sent to the dead-letter topic: not performable, or out of attempts. */
    DEAD_LETTERED,
    /** Folded into a summary of the same message within the throttle window. */
    THROTTLED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
