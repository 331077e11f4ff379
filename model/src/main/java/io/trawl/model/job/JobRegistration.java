package io.trawl.model.job;

import java.util.Objects;

/**
 * A job a script scheduled with {@code jobs.schedule(tag, cron, fn, limit, ...args)}, as the compacted
 * {@code trawl.jobs} topic carries it under the key {@link #key()}; a tombstone removes it.
 *
 * @param script        the script's name
 * @param tag           the job's tag, unique within the script
 * @param cron          six fields, seconds first ({@code "*&#47;10 * * * * *"})
 * @param limit         most runs across the cluster; 0 for unlimited
 * @param arguments     the extra arguments for the job function, as JSON text of an array
 * @param scriptVersion the script version that scheduled it
 */
public record JobRegistration(String script, String tag, String cron, long limit, String arguments,
                              int scriptVersion) {

    public JobRegistration {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(arguments, "arguments");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
    }

    /** The record key: script and tag, so that each job has one latest registration. */
    public String key() {
        return key(script, tag);
    }

    public static String key(String script, String tag) {
        return script + "/" + tag;
    }
}
