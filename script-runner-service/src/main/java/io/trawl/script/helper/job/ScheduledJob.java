package io.trawl.script.helper.job;

import java.util.List;
import java.util.Objects;

import org.graalvm.polyglot.Value;

/**
 * A job as the context that scheduled it keeps it: the function to call when the job fires and the
 * arguments to call it with, beside what was registered.
 *
 * @param tag       the job's tag
 * @param cron      its six-field schedule
 * @param limit     most runs across the cluster, 0 for unlimited
 * @param function  the job function, a value of the scheduling context
 * @param arguments the extra arguments, values of the same context
 */
public record ScheduledJob(String tag, String cron, long limit, Value function, List<Value> arguments) {

    public ScheduledJob {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(function, "function");
        arguments = List.copyOf(arguments);
    }
}
