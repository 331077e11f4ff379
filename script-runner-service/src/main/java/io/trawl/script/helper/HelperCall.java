package io.trawl.script.helper;

import java.util.List;
import java.util.Objects;

/**
 * One call a script made to a helper with an effect outside the script ({@code prometheus.metric},
 * {@code test.pass}, later {@code vendor.slack}, {@code jobs.schedule}, ...), as a dry run records it
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
        arguments = List.copyOf(arguments);
    }
}
