package io.trawl.script.helper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code test.pass(data)} and {@code test.fail(data)}: a script's verdict on an item. Both return {@code data}
 * unchanged (items are read-only, so unlike Kubeshark nothing is set on it). In the service the verdict is
 * counted in {@value #OUTCOMES} (tags {@code script}, {@code outcome} = pass or fail); in a dry run it is
 * recorded as a call with the item's {@code id} (or null) as its one argument.
 */
public final class TestHelper implements Helper {

    public static final String OUTCOMES = "trawl.script.test.outcomes";

    private final MeterRegistry registry;

    public TestHelper(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public String global() {
        return "test";
    }

    @Override
    public ProxyObject create(ScriptScope scope) {
        return GuestObject.of(Map.of(
                "pass", verdict(scope, "pass"),
                "fail", verdict(scope, "fail")));
    }

    private ProxyExecutable verdict(ScriptScope scope, String outcome) {
        String helper = "test." + outcome;
        // Registered on first use, so that a dry run, which never performs, leaves the registry alone.
        var counter = new Counter[1];
        Runnable count = () -> {
            if (counter[0] == null) {
                counter[0] = Counter.builder(OUTCOMES)
                        .description("Verdicts scripts gave on items with test.pass and test.fail")
                        .tags("script", scope.script(), "outcome", outcome)
                        .register(registry);
            }
            counter[0].increment();
        };
        return scope.function(helper, arguments -> {
            Value data = arguments.length > 0 ? arguments[0] : null;
            var recorded = new ArrayList<>();
            recorded.add(idOf(data));
            scope.effect(helper, recorded, count);
            return data;
        });
    }

    private static String idOf(Value data) {
        if (data == null || !data.hasMembers()) {
            return null;
        }
        Value id = data.getMember("id");
        return id != null && id.isString() ? id.asString() : null;
    }

    @Override
    public void forget(String script) {
        List.copyOf(registry.find(OUTCOMES).tag("script", script).meters()).forEach(registry::remove);
    }
}
