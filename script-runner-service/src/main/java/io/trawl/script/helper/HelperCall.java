package io.trawl.script.helper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One call a script made to a helper with an effect outside the script ({@code prometheus.metric},
 * {@code test.pass}, {@code jobs.schedule}, {@code vendor.slack}, ...), as a dry run records it
 * instead of performing it.
 *
 * @param script    the script that made the call
 * @param helper    the helper's full name, such as {@code "prometheus.metric"}
 * @param arguments the arguments as plain Java values (String, Number, Boolean, null, List, Map), in order
 */
public record HelperCall(String script, String helper, List<Object> arguments) {

    public HelperCall {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(helper, "helper");
        // Not List.copyOf: null is a plain value a call may carry (test.pass of an item without id).
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    /** The call as a script would write it, arguments as JSON: {@code test.fail("local/tcp-1-0-0")}. */
    @Override
    public String toString() {
        var args = new StringJoiner(", ", helper + "(", ")");
        arguments.forEach(argument -> args.add(PlainValues.json(argument)));
        return args.toString();
    }
}
