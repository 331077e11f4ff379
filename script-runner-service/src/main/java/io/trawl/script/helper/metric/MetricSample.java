package io.trawl.script.helper.metric;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.trawl.script.helper.HelperException;

/**
 * A metric name and label set as a script gave them, validated: the checks every metric helper makes before it
 * performs or records, so that a dry run refuses exactly what the service refuses.
 *
 * @param name   the script's name for the metric, without the {@value ScriptMetrics#PREFIX} prefix
 * @param labels label names to values, sorted by name, values cut to {@value #MAX_LABEL_VALUE} characters
 */
public record MetricSample(String name, Map<String, String> labels) {

    public static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    public static final int MAX_NAME = 100;
    public static final int MAX_LABELS = 20;
    public static final int MAX_LABEL_VALUE = 128;

    /** Validates {@code name} and {@code labels}; throws {@link HelperException#badArgument} naming what is wrong. */
    public static MetricSample of(String name, Map<String, String> labels) {
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw HelperException.badArgument("name \"" + shorten(name) + "\" is not a valid metric name: use "
                    + "letters, digits and '_', not starting with a digit, at most " + MAX_NAME + " characters");
        }
        if (labels.size() > MAX_LABELS) {
            throw HelperException.badArgument("labels has " + labels.size() + " names, more than " + MAX_LABELS);
        }
        var sorted = new TreeMap<String, String>();
        labels.forEach((label, value) -> {
            if (label.length() > MAX_NAME || !NAME.matcher(label).matches()) {
                throw HelperException.badArgument("label name \"" + shorten(label) + "\" is not valid: use letters, "
                        + "digits and '_', not starting with a digit, at most " + MAX_NAME + " characters");
            }
            if (label.equals(ScriptMetrics.SCRIPT_TAG) || label.startsWith("__")) {
                throw HelperException.badArgument("label name \"" + label + "\" is reserved: '"
                        + ScriptMetrics.SCRIPT_TAG + "' is added by Trawl and names starting with '__' belong to "
                        + "Prometheus");
            }
            sorted.put(label, value.length() > MAX_LABEL_VALUE ? value.substring(0, MAX_LABEL_VALUE) : value);
        });
        return new MetricSample(name, Collections.unmodifiableMap(sorted));
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
