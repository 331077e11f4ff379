package io.trawl.bench.script;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.trawl.script.item.ItemView;
import tools.jackson.databind.JsonNode;

/**
 * The latency-outlier hook written in plain Java: the limit the JavaScript version
 * ({@code scripts/examples/latency-outliers.js}) is compared with. For each HTTP item with a response and a
 * numeric {@code elapsedTime} that is not negative (-1: the response was not seen) it keeps Welford running
 * statistics per {@code method + " " + path}, and once a key has 30 samples reports a call slower than
 * {@code mean + 3 sd} and {@code mean + 5} ms, in exactly the line the script prints ({@link #line}; JavaScript's
 * number formatting reproduced).
 *
 * <p>Two inputs, the two ways the harness parses items: a Jackson tree (as the former delivery,
 * {@link JacksonTreeView}, parsed them) and an {@link ItemView}. Not thread-safe: one instance per worker, like a
 * script's globals.
 */
final class LatencyOutliers {

    /**
     * Used when {@code scripts/examples/latency-outliers.js} does not exist yet; written from the same
     * specification. ES5, as hooks are.
     */
    static final String SCRIPT = """
            // Latency outliers: per "METHOD /path", Welford running mean and variance of elapsedTime (ms);
            // once a key has 30 samples, log a call slower than mean + 3 sd and mean + 5 ms.
            var latencyStats = {};

            function onItemCaptured(data) {
              if (data.protocol.name !== "http" || !data.response || typeof data.elapsedTime !== "number"
                  || data.elapsedTime < 0) {
                return;
              }
              var key = data.request.method + " " + data.request.path;
              var elapsed = data.elapsedTime;
              var s = latencyStats[key];
              if (!s) {
                s = latencyStats[key] = { n: 0, mean: 0, m2: 0 };
              }
              if (s.n >= 30) {
                var sd = Math.sqrt(s.m2 / (s.n - 1));
                if (elapsed > s.mean + 3 * sd && elapsed > s.mean + 5) {
                  console.log("latency outlier: " + key + " took " + elapsed + " ms (mean " + s.mean.toFixed(1)
                      + " ms, sd " + sd.toFixed(1) + " ms, n " + s.n + ")");
                }
              }
              s.n += 1;
              var d = elapsed - s.mean;
              s.mean += d / s.n;
              s.m2 += d * (elapsed - s.mean);
            }
            """;

    static final int MIN_SAMPLES = 30;

    /** Welford's running statistics of one key. */
    private static final class Stats {
        long n;
        double mean;
        double m2;
    }

    private final Map<String, Stats> stats = new HashMap<>();
    private final Consumer<String> out;

    LatencyOutliers(Consumer<String> out) {
        this.out = out;
    }

    /** What the hook takes from one item: its key and elapsed milliseconds. */
    record Sample(String key, double elapsed) {
    }

    /** The item as a Jackson tree. */
    void onItem(JsonNode item) {
        Sample s = sample(item);
        if (s != null) {
            observe(s.key(), s.elapsed());
        }
    }

    /** The item as the lazy byte view. */
    void onItem(ItemView item) {
        Sample s = sample(item);
        if (s != null) {
            observe(s.key(), s.elapsed());
        }
    }

    /** The sample of an HTTP item with a response and an elapsed time of 0 or more; null for any other item. */
    static Sample sample(JsonNode item) {
        JsonNode protocol = item.get("protocol");
        if (protocol == null || !"http".equals(text(protocol.get("name"))) || !truthy(item.get("response"))) {
            return null;
        }
        JsonNode elapsed = item.get("elapsedTime");
        if (elapsed == null || !elapsed.isNumber() || elapsed.doubleValue() < 0) {
            return null;
        }
        JsonNode request = item.get("request");
        return new Sample(jsString(request, "method") + " " + jsString(request, "path"), elapsed.doubleValue());
    }

    static Sample sample(ItemView item) {
        if (!(item.getMember("protocol") instanceof ItemView protocol)
                || !"http".equals(protocol.getMember("name")) || !truthy(item.getMember("response"))) {
            return null;
        }
        if (!(item.getMember("elapsedTime") instanceof Number elapsed) || elapsed.doubleValue() < 0) {
            return null;
        }
        Object request = item.getMember("request");
        String key = request instanceof ItemView r
                ? jsString(r, "method") + " " + jsString(r, "path") : "undefined undefined";
        return new Sample(key, elapsed.doubleValue());
    }

    /** The statistics step, shared by both inputs. */
    void observe(String key, double elapsed) {
        Stats s = stats.computeIfAbsent(key, k -> new Stats());
        if (s.n >= MIN_SAMPLES) {
            double sd = Math.sqrt(s.m2 / (s.n - 1));
            if (elapsed > s.mean + 3 * sd && elapsed > s.mean + 5) {
                out.accept(line(key, elapsed, s.mean, sd, s.n));
            }
        }
        s.n += 1;
        double d = elapsed - s.mean;
        s.mean += d / s.n;
        s.m2 += d * (elapsed - s.mean);
    }

    static String line(String key, double elapsed, double mean, double sd, long n) {
        return "latency outlier: " + key + " took " + jsNumber(elapsed) + " ms (mean " + toFixed1(mean)
                + " ms, sd " + toFixed1(sd) + " ms, n " + n + ")";
    }

    /** {@code String(x)} in JavaScript (ECMA-262 Number::toString, radix 10), subnormals aside. */
    static String jsNumber(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (x == 0) {
            return "0";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        // Java's Double.toString gives the shortest digits that round-trip, as JavaScript does; lay them out as
        // JavaScript does: value = 0.DIGITS x 10^n with k digits.
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int k = digits.length();
        int n = k - d.scale();
        String sign = x < 0 ? "-" : "";
        if (k <= n && n <= 21) {
            return sign + digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return sign + digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return sign + "0." + "0".repeat(-n) + digits;
        }
        int e = n - 1;
        String exponent = "e" + (e < 0 ? "-" : "+") + Math.abs(e);
        return sign + (k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1)) + exponent;
    }

    /** {@code x.toFixed(1)} in JavaScript: the exact binary value rounded half up, for |x| below 1e21. */
    static String toFixed1(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        String s = new BigDecimal(Math.abs(x)).setScale(1, RoundingMode.HALF_UP).toPlainString();
        return x < 0 ? "-" + s : s; // -0 is not below 0: "0.0", as in JavaScript
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** JavaScript truthiness of a member as ItemView shows it. */
    private static boolean truthy(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isString()) {
            return !node.stringValue().isEmpty();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            double d = node.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        return true;
    }

    private static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case String s -> !s.isEmpty();
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
            default -> true;
        };
    }

    /** {@code "" + object.name} in JavaScript. */
    private static String jsString(JsonNode object, String name) {
        JsonNode v = object == null ? null : object.get(name);
        if (v == null || v.isMissingNode()) {
            return "undefined";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isNumber()) {
            return jsNumber(v.doubleValue());
        }
        // Objects and arrays are not reproduced: method and path are strings in every item.
        return v.asString();
    }

    private static String jsString(ItemView object, String name) {
        if (!object.hasMember(name)) {
            return "undefined";
        }
        return switch (object.getMember(name)) {
            case null -> "null";
            case String s -> s;
            case Number n -> jsNumber(n.doubleValue());
            case ItemView o -> "[object Object]";
            case Object o -> String.valueOf(o);
        };
    }
}
