package io.trawl.script.helper.action;

import io.trawl.model.action.ActionRequest;

/**
 * Where the {@code vendor} and {@code pcap} helpers' actions go in the service: {@code trawl.actions}, for
 * integrations-service to perform. Called on worker threads, inside hook calls: it must not wait on the network.
 */
@FunctionalInterface
public interface ActionPublisher {

    /** Publishes nothing: scripts can call the helpers, and nothing performs them (a runner without Kafka). */
    ActionPublisher NONE = action -> { };

    /** Hands {@code action} over for publishing and returns at once. */
    void publish(ActionRequest action);
}
