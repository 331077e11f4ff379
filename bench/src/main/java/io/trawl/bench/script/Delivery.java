package io.trawl.bench.script;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import io.trawl.script.item.ItemView;

/** How an item's JSON bytes reach a script's {@code onItemCaptured(data)}: the designs compared. */
enum Delivery {

    /** What {@code ScriptWorkers} does today: {@code ItemView.parse}, a Jackson tree behind a read-only proxy. */
    ITEM_VIEW("`ItemView` (Jackson tree + proxy; today's design)", ItemView::parse),

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

    /** {@link ItemBytesView}: the bytes scanned as far as reads need, members decoded lazily. */
    BYTES_VIEW("`ItemBytesView` (lazy view over the bytes; proposed)", ItemBytesView::parse),

    /**
     * An upper bound, not a general design: Java reads the five fields the latency script uses from an
     * {@link ItemBytesView} and passes them as arguments to a JS wrapper that builds a plain JS object of that
     * shape ({@code protocol.name}, {@code response} as {@code {}} or null, {@code elapsedTime},
     * {@code request.method}, {@code request.path}) for the hook; a script reading any other field would see
     * {@code undefined}. Only for runners that spread an {@code Object[]} into the call's arguments.
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
        ItemBytesView item = ItemBytesView.parse(itemJson);
        Object protocol = item.getMember("protocol");
        Object name = protocol instanceof ItemBytesView p ? p.getMember("name") : null;
        Object response = item.getMember("response");
        Object elapsed = item.getMember("elapsedTime");
        Object request = item.getMember("request");
        Object method = request instanceof ItemBytesView r ? r.getMember("method") : null;
        Object path = request instanceof ItemBytesView r ? r.getMember("path") : null;
        return new Object[] {name, response != null, elapsed, method, path};
    }

    /** The script as loaded for this delivery. */
    String wrap(String source) {
        return source;
    }
}
