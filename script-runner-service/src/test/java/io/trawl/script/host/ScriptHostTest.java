package io.trawl.script.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;
import io.trawl.model.item.Protocol;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.host.ScriptError.Kind;
import io.trawl.script.item.ItemView;

class ScriptHostTest {

    private static final String KUBESHARK_5XX = """
            function onItemCaptured(data) {
              if (data.response.status >= 500) console.log("5xx " + data.request.path);
            }
            """;
    // Statements far above what 150 ms can run, so that an endless loop always meets the time limit first.
    private static final ScriptBudget BUDGET = new ScriptBudget(2_000_000_000L, Duration.ofMillis(150));

    private static JsRuntime runtime;
    private static ScriptWatchdog watchdog;
    private RecordedOutput recorded;
    private ScriptHost host;

    @BeforeAll
    static void startEngine() {
        runtime = JsRuntime.start();
        watchdog = new ScriptWatchdog();
        // The first contexts of a fresh engine initialise and compile its built-ins, which on a busy machine
        // takes longer than the 150 ms these tests allow a call: warm up under a generous budget first.
        var ignored = new RecordedOutput();
        try (var warm = new ScriptHost(runtime, new ScriptBudget(5_000_000, Duration.ofSeconds(30)), watchdog,
                ignored, ignored)) {
            warm.load("warm-up.js", KUBESHARK_5XX + """
                    const seen = new Map();
                    let show = (x) => `${x ?? 0}`;
                    console.log("s", 1, {a: [1, "x"]}, show(seen.size), function f() {});
                    """);
            warm.onItemCaptured(view(http("GET", "/", 500)));
        }
    }

    @AfterAll
    static void closeEngine() {
        watchdog.close();
        runtime.close();
    }

    @BeforeEach
    void openHost() {
        recorded = new RecordedOutput();
        host = new ScriptHost(runtime, BUDGET, watchdog, recorded, recorded);
    }

    @AfterEach
    void closeHost() {
        host.close();
    }

    @Test
    void kubesharkEs5ScriptLogsOnlyServerErrors() {
        assertThat(host.load("alerts.js", KUBESHARK_5XX)).isEmpty();

        host.onItemCaptured(view(http("GET", "/health", 200)));
        host.onItemCaptured(view(http("POST", "/api/orders", 503)));
        host.onItemCaptured(view(http("GET", "/missing", 404)));
        host.onItemCaptured(view(http("PUT", "/api/cart", 500)));

        assertThat(recorded.lines()).extracting(RecordedOutput.Line::script, RecordedOutput.Line::level,
                        RecordedOutput.Line::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alerts.js", ScriptOutput.Level.LOG, "5xx /api/orders"),
                        org.assertj.core.groups.Tuple.tuple("alerts.js", ScriptOutput.Level.LOG, "5xx /api/cart"));
        assertThat(recorded.errors()).isEmpty();
    }

    @Test
    void aMalformedValueReadByAHookIsAnErrorOfThatCallAndTheContextKeepsItsGlobals() {
        host.load("reader.js", """
                var calls = 0;
                function onItemCaptured(data) {
                  calls++;
                  console.log(calls + " " + data.protocol.name + " " + data.elapsedTime);
                }
                """);

        host.onItemCaptured(ItemView.parse("{\"protocol\":{\"name\":\"http\"},\"elapsedTime\":tru}"
                .getBytes(StandardCharsets.UTF_8)));
        host.onItemCaptured(ItemView.parse("{\"protocol\":{\"name\":\"dns\"},\"elapsedTime\":3}"
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(recorded.errors()).singleElement().satisfies(error -> {
            assertThat(error.script()).isEqualTo("reader.js");
            assertThat(error.hook()).isEqualTo(ScriptHost.ITEM_HOOK);
            assertThat(error.kind()).isEqualTo(ScriptError.Kind.INTERNAL);
            assertThat(error.message()).contains("item is not valid JSON").contains("at byte");
        });
        assertThat(recorded.texts("reader.js")).containsExactly("2 dns 3");
    }

    @Test
    void scriptReadsItemsDissectedFromACapture() throws IOException {
        host.load("summary.js", """
                function onItemCaptured(data) {
                  console.log(data.request.method, data.request.path, data.response.status, data.src.port,
                              data.protocol.name, typeof data.src.port);
                }
                """);

        dissectedItems().forEach(json -> host.onItemCaptured(ItemView.parse(json)));

        assertThat(recorded.texts("summary.js")).containsExactly(
                "GET /abcd 200 13579 http string",
                "GET /abcd 200 13578 http string",
                "POST /abcd 200 24680 http string",
                "POST /abcd 200 24682 http string",
                "POST /abcd 200 24681 http string",
                "POST /abcd 200 34527 http string",
                "POST /abcd 200 34528 http string",
                "POST /abcd 200 33211 http string",
                "POST /abcd 200 33210 http string",
                "POST /abcd 200 24682 http string");
        assertThat(recorded.errors()).isEmpty();
    }

    @Test
    void modernJavaScriptIsAccepted() {
        assertThat(host.load("modern.js", """
                const seen = new Map();
                let onItemCaptured = (data) => {
                  const { method, path } = data.request;
                  seen.set(path, (seen.get(path) ?? 0) + 1);
                  console.log(`${method} ${path} #${seen.get(path)}`);
                };
                """)).isEmpty();

        host.onItemCaptured(view(http("GET", "/a", 200)));
        host.onItemCaptured(view(http("GET", "/a", 200)));

        assertThat(recorded.texts("modern.js")).containsExactly("GET /a #1", "GET /a #2");
    }

    @Test
    void consoleFormatsArgumentsLikeABrowserAndSeparatesLevels() {
        host.load("format.js", """
                console.log("s", 1, 1.5, true, null, undefined, {a: [1, "x"]}, [2, 3]);
                var cyclic = {}; cyclic.self = cyclic;
                console.error("failed:", cyclic, function f() {});
                """);

        assertThat(recorded.lines()).extracting(RecordedOutput.Line::level, RecordedOutput.Line::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ScriptOutput.Level.LOG,
                                "s 1 1.5 true null undefined {\"a\":[1,\"x\"]} [2,3]"),
                        org.assertj.core.groups.Tuple.tuple(ScriptOutput.Level.ERROR,
                                "failed: {self: (this)} function f() {}"));
    }

    @Test
    void endlessLoopTimesOutWithinBudgetAndTheOtherScriptKeepsReceivingItems() {
        host.load("loop.js", """
                var calls = 0;
                function onItemCaptured(data) { calls++; if (calls === 1) { while (true) {} } console.log("calls " + calls); }
                """);
        host.load("alerts.js", KUBESHARK_5XX);

        long start = System.nanoTime();
        host.onItemCaptured(view(http("GET", "/first", 500)));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        host.onItemCaptured(view(http("GET", "/second", 502)));

        assertThat(recorded.errors()).singleElement().satisfies(error -> {
            assertThat(error.script()).isEqualTo("loop.js");
            assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(error.hook()).isEqualTo("onItemCaptured");
            assertThat(error.message()).contains("150 ms");
        });
        assertThat(elapsedMillis).isLessThan(BUDGET.wallTime().toMillis() + 1_000);
        assertThat(recorded.texts("alerts.js")).containsExactly("5xx /first", "5xx /second");
        // An interrupt keeps the context: the global counter survived.
        assertThat(recorded.texts("loop.js")).containsExactly("calls 2");
    }

    @Test
    void statementBudgetOverrunRebuildsTheScriptWithItsGlobalsReset() {
        // Few statements and a wall time the loop cannot reach first, even in the interpreter.
        var budget = new ScriptBudget(100_000, Duration.ofSeconds(5));
        host.close();
        host = new ScriptHost(runtime, budget, watchdog, recorded, recorded);
        host.load("busy.js", """
                var calls = 0;
                console.log("loaded");
                function onItemCaptured(data) {
                  calls++;
                  if (data.request.path === '/spin') { for (var i = 0; i < 1e9; i++) {} }
                  console.log("calls " + calls);
                }
                """);

        host.onItemCaptured(view(http("GET", "/a", 200)));
        host.onItemCaptured(view(http("GET", "/spin", 200)));
        host.onItemCaptured(view(http("GET", "/b", 200)));

        assertThat(recorded.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(Kind.STATEMENT_LIMIT);
            assertThat(error.message()).contains("100000 statements", "globals reset");
        });
        assertThat(recorded.texts("busy.js")).containsExactly("loaded", "calls 1", "loaded", "calls 1");
    }

    @Test
    void syntaxErrorIsRefusedWithLineAndColumn() {
        var error = host.load("broken.js", """
                function onItemCaptured(data) {
                  if (data.response.status >= 500 {
                    console.log("x");
                  }
                }
                """);

        assertThat(error).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isPositive();
            assertThat(e.toString()).startsWith("broken.js:2:");
        });
        assertThat(host.scripts()).isEmpty();
        assertThat(recorded.errors()).containsExactly(error.orElseThrow());
    }

    @Test
    void thrownErrorIsRecordedWithTheLineOfTheThrow() {
        host.load("throws.js", """
                function onItemCaptured(data) {
                  var x = data.nothing;
                  return x.field;
                }
                """);

        host.onItemCaptured(view(http("GET", "/a", 200)));

        assertThat(recorded.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.THROWN);
            assertThat(e.message()).startsWith("TypeError");
            assertThat(e.line()).isEqualTo(3);
        });
        assertThat(host.scripts()).containsExactly("throws.js");
    }

    @Test
    void infiniteRecursionIsCaughtAndTheScriptStaysLoaded() {
        host.load("recurse.js", """
                function down(n) { return down(n + 1) + 1; }
                function onItemCaptured(data) { down(0); }
                """);
        host.load("alerts.js", KUBESHARK_5XX);

        host.onItemCaptured(view(http("GET", "/deep", 500)));
        host.onItemCaptured(view(http("GET", "/deeper", 500)));

        assertThat(recorded.errors()).hasSize(2).allSatisfy(e -> {
            assertThat(e.script()).isEqualTo("recurse.js");
            assertThat(e.message()).contains("call stack");
        });
        assertThat(recorded.texts("alerts.js")).containsExactly("5xx /deep", "5xx /deeper");
    }

    @Test
    void hostClassesAreOutOfReach() {
        host.load("escape.js", """
                console.log(typeof Java, typeof Packages, typeof Polyglot, typeof load, typeof print);
                function onItemCaptured(data) { Java.type('java.lang.System').exit(1); }
                """);

        host.onItemCaptured(view(http("GET", "/", 200)));

        assertThat(recorded.texts("escape.js"))
                .containsExactly("undefined undefined undefined undefined undefined");
        assertThat(recorded.errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("ReferenceError", "Java"));
    }

    @Test
    void scriptsDoNotShareGlobals() {
        host.load("a.js", "var shared = 'a'; function onItemCaptured(d) { console.log(shared); }");
        host.load("b.js", "function onItemCaptured(d) { console.log(typeof shared); }");

        host.onItemCaptured(view(http("GET", "/", 200)));

        assertThat(recorded.texts("a.js")).containsExactly("a");
        assertThat(recorded.texts("b.js")).containsExactly("undefined");
    }

    static ItemView view(Item item) {
        return ItemView.parse(ItemJson.toBytes(item));
    }

    static Item http(String method, String path, int status) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        request.put("path", path);
        request.put("headers", Map.of("Host", "shop.example"));
        return new Item("local/tcp-1-0-0", 0, "tcp-1-0", "local", Protocol.http("1.1"),
                Endpoint.of("192.0.2.1", 40000), Endpoint.of("192.0.2.2", 80), 1_700_000_000_000L,
                "2023-11-14T22:13:20Z", request, Map.of("status", status), 100, 200, 1_500, null);
    }

    static List<byte[]> dissectedItems() throws IOException {
        try (InputStream in = ScriptHostTest.class.getResourceAsStream(
                "/items/post-100continue-chunked-gzip.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> line.getBytes(StandardCharsets.UTF_8))
                    .toList();
        }
    }
}
