package io.trawl.job.schedule;

import io.trawl.model.job.JobFired;

/** Where fire events go: {@code trawl.jobs.fired} in the service, a list in tests. */
@FunctionalInterface
public interface FireEventSink {

    /** Returns once the event is durable; throws if it could not be made so. */
    void publish(JobFired fired) throws Exception;
}
