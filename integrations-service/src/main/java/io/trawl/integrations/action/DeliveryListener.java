package io.trawl.integrations.action;

import java.time.Duration;

/** Told about every action request's outcome; the service's metrics implement it. Called on consumer threads. */
public interface DeliveryListener {

    /**
     * @param channel  the kind's wire name, or {@code unknown} for a record that is not an action request
     * @param duration how long the attempt took, or null when no handler ran (throttled, refused before)
     */
    void outcome(String channel, Outcome outcome, Duration duration);

    /** A request already delivered by this replica arrived again and was skipped. */
    void duplicate(String channel);

    DeliveryListener NONE = new DeliveryListener() {
        @Override
        public void outcome(String channel, Outcome outcome, Duration duration) {
        }

        @Override
        public void duplicate(String channel) {
        }
    };
}
