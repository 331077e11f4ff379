package io.trawl.script.runner;

/**
 * The actions hooks have published and Kafka may not have acknowledged yet. A feed waits on it after the workers
 * have run a batch and before it commits the batch's offsets: a record is committed only once the actions it
 * caused are safely on {@code trawl.actions}, so that a crash can repeat an action but never lose one.
 */
@FunctionalInterface
public interface PendingActions {

    /** Nothing is ever pending: a runner whose helpers publish nowhere. */
    PendingActions NONE = () -> { };

    /** Returns once every action published before the call is acknowledged by Kafka. */
    void awaitAcknowledged() throws InterruptedException;
}
