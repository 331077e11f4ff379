package io.trawl.job.registry;

import io.trawl.model.job.JobRegistration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs this replica knows, by job key ({@code script/tag}): the latest registration of each key on the
 * compacted {@code trawl.jobs} topic. Every replica holds all of them; which replica fires a tick is decided per
 * tick, not by owning jobs. Thread-safe: one reader writes, the scheduler and the API read.
 */
public final class JobRegistry {

    private final Map<String, JobRegistration> jobs = new ConcurrentHashMap<>();

    public void register(String key, JobRegistration job) {
        jobs.put(key, job);
    }

    public void remove(String key) {
        jobs.remove(key);
    }

    /** A copy, so that callers iterate without seeing later changes half-way. */
    public Map<String, JobRegistration> snapshot() {
        return Map.copyOf(jobs);
    }

    public int size() {
        return jobs.size();
    }
}
