package io.trawl.script.helper.vendor;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.trawl.script.helper.HelperException;

/**
 * Checks on where the vendor helpers send things, made in the runner so that a script learns of a mistake at the
 * line that made it, not from a dead letter minutes later. Only the form is checked here: the address a host
 * name resolves to (and whether it is a link-local or metadata address) is integrations-service's to check when
 * it connects.
 */
final class HttpTargets {

    /** The HTTP methods {@code vendor.webhook} sends. */
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** A whole argument that is an env reference, such as {@code ${env:SLACK_WEBHOOK_URL}}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:[A-Za-z_][A-Za-z0-9_.-]*}");
    /** An HTTP header name: RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private HttpTargets() {
    }

    /**
     * {@code url} when it is an absolute http or https URL with a host, or a whole {@code ${env:KEY}} reference
     * that integrations-service resolves. The message never repeats the URL: it may hold a credential.
     */
    static String url(String url, String name) {
        if (REFERENCE.matcher(url).matches()) {
            return url;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw HelperException.badArgument(name + " is not a valid URL: " + e.getReason() + " at index "
                    + e.getIndex());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw HelperException.badArgument(name + " must be an http or https URL"
                    + (scheme == null ? ", with its scheme" : ", not " + scheme + ":"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw HelperException.badArgument(name + " has no host");
        }
        return url;
    }

    /** {@code method} in capitals, when it is one of {@link #METHODS}. */
    static String method(String method) {
        String upper = method.strip().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(upper)) {
            throw HelperException.badArgument("method \"" + method + "\" is not one Trawl sends; use "
                    + String.join(", ", METHODS));
        }
        return upper;
    }

    /** Checks header names and values: a bad name or a line break would change the request. */
    static void headers(Map<String, String> headers) {
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw HelperException.badArgument("headers: \"" + name + "\" is not a valid header name");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw HelperException.badArgument("headers." + name + " must not contain a line break");
            }
        });
    }

    /** Whether {@code headers} has {@code name}, ignoring case, as HTTP does. */
    static boolean has(Map<String, String> headers, String name) {
        return headers.keySet().stream().anyMatch(key -> key.equalsIgnoreCase(name));
    }
}
