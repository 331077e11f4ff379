package io.trawl.script.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.trawl.script.dryrun.ConsoleLine;
import io.trawl.script.dryrun.DryRun;
import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.HelperCall;
import io.trawl.script.host.ScriptBudget;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the example scripts of {@code scripts/examples/} through {@link DryRun}, on the items of
 * {@code testdata/examples/examples.items.jsonl} (made by {@code testdata/examples/make-capture.sh}) or on items
 * derived from them. One engine for a test class: start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
final class ExampleRig implements AutoCloseable {

    static final Path SCRIPTS = Path.of("../scripts/examples");
    static final Path CAPTURE_ITEMS = Path.of("../testdata/examples/examples.items.jsonl");
    static final JsonMapper JSON = JsonMapper.builder().build();

    // The examples' logic is under test here, not the budget: a generous one keeps a busy machine from
    // turning a slow first call into a timeout.
    private static final ScriptBudget BUDGET = new ScriptBudget(10_000_000, Duration.ofSeconds(30));

    private final JsRuntime runtime = JsRuntime.start();

    /** The example {@code name}.js on the capture's items. */
    DryRunResult onCapture(String name, Map<String, String> env) {
        return run(name, env, captureItems());
    }

    DryRunResult run(String name, Map<String, String> env, List<byte[]> items) {
        try (var dryRun = new DryRun(runtime, BUDGET, "node-1", env, Map.of())) {
            DryRunResult result = dryRun.run(name, source(name), items);
            assertThat(result.errors()).as("errors of %s", name).isEmpty();
            // Every example looks at items; one that schedules a job may also hear how its runs went.
            assertThat(result.hooks()).as("hooks of %s", name).contains("onItemCaptured")
                    .isSubsetOf("onItemCaptured", "onJobPassed", "onJobFailed");
            assertThat(result.items()).isEqualTo(items.size());
            return result;
        }
    }

    static String source(String name) {
        return read(SCRIPTS.resolve(name + ".js"));
    }

    static List<byte[]> captureItems() {
        return DryRun.jsonLines(read(CAPTURE_ITEMS));
    }

    static List<JsonNode> captureItemTrees() {
        return captureItems().stream().map(bytes -> JSON.readTree(bytes)).toList();
    }

    /** The first capture item of {@code protocol}, changed by {@code edit}, as item JSON. */
    static byte[] derived(String protocol, Consumer<ObjectNode> edit) {
        ObjectNode item = (ObjectNode) captureItemTrees().stream()
                .filter(i -> i.get("protocol").get("name").asString().equals(protocol)).findFirst().orElseThrow();
        edit.accept(item);
        return JSON.writeValueAsBytes(item);
    }

    static List<String> texts(DryRunResult result) {
        return result.console().stream().map(ConsoleLine::text).toList();
    }

    static List<HelperCall> calls(DryRunResult result, String helper) {
        return result.calls().stream().filter(call -> call.helper().equals(helper)).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
