package io.trawl.bench.script;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import io.trawl.script.item.ItemView;

/** How an item's JSON bytes reach a script's {@code onItemCaptured(data)}: the designs compared. */
enum Delivery {

    /** The former design, the baseline: a Jackson tree parsed up front behind a read-only proxy. */
    JACKSON_TREE("`JacksonTreeView` (Jackson tree + proxy; the former design)", JacksonTreeView::parse),

    /** What {@code ScriptWorkers} does: {@code ItemView.parse}, the bytes scanned as far as reads need. */
    ITEM_VIEW("`ItemView` (lazy view over the bytes; today's design)", ItemView::parse),

    /**
     * The JSON text as a string; the script's hook is wrapped so that it gets {@code JSON.parse(json)}, a plain
     * (mutable) JS object.
     */
    JSON_PARSE("JSON string, `JSON.parse` in JS", json -> new String(json, StandardCharsets.UTF_8)) {
        @Override
        String wrap(String source) {
            return source + "\n;(function (hook) {\n  onItemCaptured = function (json) { return hook(JSON.parse(json)); };"
                    + "\n})(onItemCaptured);\n";
        }
    },

    /**
     * An upper bound, not a general design: Java reads the five fields the latency script uses from an
     * {@link ItemView} and passes them as arguments to a JS wrapper that builds a plain JS object of that
     * shape ({@code protocol.name}, {@code response} as {@code {}} or null, {@code elapsedTime},
     * {@code request.method}, {@code request.path}) for the hook; a script reading any other field would see
     * {@code undefined}. Only for runners that spread an {@code Object[]} into the call's
     * arguments ({@link PassRunner#bare}).
     */
    PROJECTION("hand-picked projection: 5 fields read in Java, a plain JS object built in JS (upper bound)",
            Delivery::project) {
        @Override
        String wrap(String source) {
            return source + "\n;(function (hook) {\n  onItemCaptured = function (name, response, elapsed, method, path) {"
                    + "\n    return hook({ protocol: { name: name }, response: response ? {} : null, "
                    + "elapsedTime: elapsed,\n      request: { method: method, path: path } });\n  };"
                    + "\n})(onItemCaptured);\n";
        }
    };

    private final String label;
    private final Function<byte[], Object> argument;

    Delivery(String label, Function<byte[], Object> argument) {
        this.label = label;
        this.argument = argument;
    }

    String label() {
        return label;
    }

    /** What the hook is called with. */
    Object argument(byte[] itemJson) {
        return argument.apply(itemJson);
    }

    /** The call's arguments for {@link #PROJECTION}: name, response present, elapsed, method, path. */
    private static Object project(byte[] itemJson) {
        ItemView item = ItemView.parse(itemJson);
        Object protocol = item.getMember("protocol");
        Object name = protocol instanceof ItemView p ? p.getMember("name") : null;
        Object response = item.getMember("response");
        Object elapsed = item.getMember("elapsedTime");
        Object request = item.getMember("request");
        Object method = request instanceof ItemView r ? r.getMember("method") : null;
        Object path = request instanceof ItemView r ? r.getMember("path") : null;
        return new Object[] {name, response != null, elapsed, method, path};
    }

    /** The script as loaded for this delivery. */
    String wrap(String source) {
        return source;
    }
}
