package io.trawl.script.helper.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.springframework.scheduling.support.CronExpression;

import io.trawl.model.job.JobRegistration;
import io.trawl.script.helper.Arguments;
import io.trawl.script.helper.GuestObject;
import io.trawl.script.helper.Helper;
import io.trawl.script.helper.HelperException;
import io.trawl.script.helper.PlainValues;
import io.trawl.script.helper.ScriptScope;

/**
 * {@code jobs}: Kubeshark's job helpers. {@code jobs.schedule(tag, cron, fn, limit?, ...args)} registers a job
 * with job-service, which fires each tick once across the cluster; {@code jobs.remove(tag)},
 * {@code jobs.removeAll()}, {@code jobs.list()} and {@code jobs.run(tag)} (run now).
 *
 * <p>The cron has six fields, seconds first, as Kubeshark's; an invalid one throws a {@code TypeError} at the
 * line that called {@code schedule}. Each context keeps its jobs' functions and arguments ({@link #jobs}): the
 * runner calls them there when a fire event arrives. Registration is an effect: performed through the
 * {@link JobRegistrar} in the service, recorded in a dry run.
 */
public final class JobsHelper implements Helper {

    /** What a tag may look like: it is part of a Kafka key, a lock name and a URL. */
    public static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final JobRegistrar registrar;

    public JobsHelper(JobRegistrar registrar) {
        this.registrar = Objects.requireNonNull(registrar, "registrar");
    }

    @Override
    public String global() {
        return "jobs";
    }

    @Override
    public ProxyObject create(ScriptScope scope) {
        var jobs = new ContextJobs();
        return new JobsObject(GuestObject.of(Map.of(
                "schedule", scope.function("jobs.schedule", args -> schedule(scope, jobs, args)),
                "remove", scope.function("jobs.remove", args -> remove(scope, jobs, new Arguments(args))),
                "removeAll", scope.function("jobs.removeAll", args -> removeAll(scope, jobs)),
                "list", scope.function("jobs.list", args -> ProxyArray.fromList(new ArrayList<>(jobs.byTag.keySet()))),
                "run", scope.function("jobs.run", args -> run(scope, jobs, new Arguments(args))))), jobs);
    }

    /** The jobs a context scheduled, by tag, as its {@code jobs} global keeps them; empty for another object. */
    public static Map<String, ScheduledJob> jobs(Value jobsGlobal) {
        if (jobsGlobal != null && jobsGlobal.isProxyObject() && jobsGlobal.asProxyObject() instanceof JobsObject o) {
            return Map.copyOf(o.jobs.byTag);
        }
        return Map.of();
    }

    private Object schedule(ScriptScope scope, ContextJobs jobs, Value[] values) {
        var args = new Arguments(values);
        String tag = tag(args);
        String cron = args.string(1, "cron");
        checkCron(cron);
        Value function = args.value(2);
        if (function == null || !function.canExecute()) {
            throw HelperException.badArgument("fn must be a function, was " + Arguments.describe(function));
        }
        long limit = args.absent(3) ? 0 : args.integer(3, "limit");
        if (limit < 0) {
            throw HelperException.badArgument("limit must be 0 (unlimited) or more, was " + limit);
        }
        List<Value> extra = values.length > 4 ? Arrays.asList(values).subList(4, values.length) : List.of();
        String argumentsJson = PlainValues.json(PlainValues.of(values, Math.min(4, values.length)));
        jobs.byTag.put(tag, new ScheduledJob(tag, cron, limit, function, extra));
        var registration = new JobRegistration(scope.script(), tag, cron, limit, argumentsJson, scope.scriptVersion());
        var recorded = new ArrayList<Object>(List.of(tag, cron, limit));
        recorded.addAll(PlainValues.of(values, Math.min(4, values.length)));
        scope.effect("jobs.schedule", recorded, () -> registrar.register(registration));
        return null;
    }

    private Object remove(ScriptScope scope, ContextJobs jobs, Arguments args) {
        String tag = args.string(0, "tag");
        if (jobs.byTag.remove(tag) != null) {
            scope.effect("jobs.remove", List.of(tag), () -> registrar.remove(scope.script(), tag));
        }
        return null;
    }

    private Object removeAll(ScriptScope scope, ContextJobs jobs) {
        for (String tag : new ArrayList<>(jobs.byTag.keySet())) {
            jobs.byTag.remove(tag);
            scope.effect("jobs.remove", List.of(tag), () -> registrar.remove(scope.script(), tag));
        }
        return null;
    }

    private Object run(ScriptScope scope, ContextJobs jobs, Arguments args) {
        String tag = args.string(0, "tag");
        if (!jobs.byTag.containsKey(tag)) {
            throw HelperException.refused("no job tagged \"" + tag + "\" in this script; jobs.list() names them");
        }
        scope.effect("jobs.run", List.of(tag), () -> registrar.runNow(scope.script(), tag));
        return null;
    }

    private static String tag(Arguments args) {
        String tag = args.string(0, "tag");
        if (!TAG.matcher(tag).matches()) {
            throw HelperException.badArgument("tag \"" + tag + "\" is not valid: use 1 to 64 letters, digits, '.', "
                    + "'_' or '-', starting with a letter or digit");
        }
        return tag;
    }

    /** Six fields, seconds first; Spring's parser gives the reason for anything else. */
    static void checkCron(String cron) {
        String[] fields = cron.strip().split("\\s+");
        if (fields.length != 6) {
            throw HelperException.badArgument("cron \"" + cron + "\" has " + fields.length + " fields; it needs 6, "
                    + "seconds first: \"sec min hour day-of-month month day-of-week\", e.g. \"*/10 * * * * *\"");
        }
        try {
            CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw HelperException.badArgument("cron \"" + cron + "\" is not valid: " + e.getMessage());
        }
    }

    /** The jobs of one context, in the order they were scheduled. Used on the context's thread only. */
    private static final class ContextJobs {
        final Map<String, ScheduledJob> byTag = new LinkedHashMap<>();
    }

    /** The {@code jobs} global: the helper functions, plus the context's jobs for the runner to find. */
    private static final class JobsObject implements ProxyObject {
        private final ProxyObject functions;
        private final ContextJobs jobs;

        JobsObject(ProxyObject functions, ContextJobs jobs) {
            this.functions = functions;
            this.jobs = jobs;
        }

        @Override
        public Object getMember(String key) {
            return functions.getMember(key);
        }

        @Override
        public Object getMemberKeys() {
            return functions.getMemberKeys();
        }

        @Override
        public boolean hasMember(String key) {
            return functions.hasMember(key);
        }

        @Override
        public void putMember(String key, Value value) {
            functions.putMember(key, value);
        }

        @Override
        public boolean removeMember(String key) {
            return functions.removeMember(key);
        }
    }
}
