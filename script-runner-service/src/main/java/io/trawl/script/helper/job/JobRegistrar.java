package io.trawl.script.helper.job;

import io.trawl.model.job.JobRegistration;

/**
 * Where the {@code jobs} helper's effects go in the service: registrations onto the compacted {@code trawl.jobs}
 * topic for job-service to schedule. Called on worker threads; must not block for long.
 */
public interface JobRegistrar {

    /** Does nothing: scripts can schedule jobs, and nothing runs them (a runner without job-service). */
    JobRegistrar NONE = new JobRegistrar() {
        @Override
        public void register(JobRegistration job) {
        }

        @Override
        public void remove(String script, String tag) {
        }

        @Override
        public void runNow(String script, String tag) {
        }
    };

    /** Adds or replaces the job of {@code job.key()}. */
    void register(JobRegistration job);

    /** Removes one job of a script. */
    void remove(String script, String tag);

    /** Asks for one run of the job now, outside its schedule. */
    void runNow(String script, String tag);
}
