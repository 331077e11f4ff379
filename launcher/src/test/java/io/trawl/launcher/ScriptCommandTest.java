package io.trawl.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trawl script test} as a user runs it, on the example scripts and the examples capture. */
class ScriptCommandTest {

    private static final Path EXAMPLES = Path.of("../scripts/examples");
    private static final Path ITEMS = Path.of("../testdata/examples/examples.items.jsonl");
    // Far above the service's budget: these tests are about output, and a busy build machine is slow.
    private static final String WALL_TIME = "30000";

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int trawl(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = Trawl.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int test(Path script, Path items, String... more) {
        var args = new ArrayList<>(List.of("script", "test", script.toString(), "--items", items.toString(),
                "--wall-time", WALL_TIME));
        args.addAll(List.of(more));
        return trawl(args.toArray(String[]::new));
    }

    private List<String> outLines() {
        return out.toString().lines().toList();
    }

    @Test
    void consoleLinesComeFirstThenHelperCallsThenASummaryOnStandardError() {
        int code = test(EXAMPLES.resolve("server-errors.js"), ITEMS);

        assertThat(code).isZero();
        List<String> lines = outLines();
        assertThat(lines).hasSize(10);
        assertThat(lines.subList(0, 5)).containsExactly(
                "[server-errors:ERROR] server error: GET /api/payments -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                "[server-errors:ERROR] server error: GET /api/payments -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                "[server-errors:ERROR] server error: GET /api/reports/13 -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                "[server-errors:ERROR] server error: GET /api/inventory/sku-20931 -> 503 Service Unavailable (10.233.0.1 -> 10.233.0.2:8080)",
                "[server-errors:ERROR] server error: POST /api/checkout -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)");
        assertThat(lines.subList(5, 10)).allMatch(line -> line.matches("call test\\.fail\\(\"local/tcp-[0-9a-f]{12}-\\d+-\\d+\"\\)"));
        assertThat(err.toString()).matches("server-errors: 85 of 85 items, hooks onItemCaptured; 5 console lines, "
                + "5 helper calls, 0 errors in \\d+\\.\\d\\d s\\R");
    }

    @Test
    void envValuesReachTheScriptAndHelperCallsShowTheirArgumentsAsJson() {
        int code = test(EXAMPLES.resolve("status-codes.js"), ITEMS, "--env", "STATUS_CODES_MAX_PATHS=3",
                "--env", "STATUS_CODES_SUMMARY_EVERY=25");

        assertThat(code).isZero();
        List<String> lines = outLines();
        assertThat(lines.subList(0, 2)).containsExactly(
                "[status-codes] status codes after 25 responses: (other) 200=6; /api/orders/:id 200=4; "
                        + "/api/users/:id 200=12 404=2; /health 200=1",
                "[status-codes] status codes after 50 responses: (other) 200=31; /api/orders/:id 200=4; "
                        + "/api/users/:id 200=12 404=2; /health 200=1");
        assertThat(lines.get(2)).isEqualTo("call prometheus.vector(\"http_responses\", \"HTTP responses by normalised "
                + "path and status\", 1, 1, {\"path\":\"/health\",\"status\":\"200\"})");
        assertThat(lines).hasSize(2 + 74);
    }

    @Test
    void aSyntaxErrorFailsWithFileLineAndColumn() throws IOException {
        Path script = Files.writeString(dir.resolve("broken.js"), "var ok = 1;\nfunction onItemCaptured(data) { if (; }\n");

        int code = test(script, ITEMS);

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).isEmpty();
        // The engine's message shows the line and a caret under the column.
        assertThat(err.toString().lines().findFirst().orElseThrow())
                .isEqualTo("error: " + script + ":2:37: SYNTAX: SyntaxError: broken:2:36 Expected an operand but found ;");
        assertThat(err.toString()).contains("broken: 0 of 85 items, no hooks; 0 console lines, 0 helper calls, 1 errors");
    }

    @Test
    void aHookThatThrowsFailsTheRunAndWhatItPrintedBeforeIsKept() throws IOException {
        Path script = Files.writeString(dir.resolve("Picky.js"), """
                function onItemCaptured(data) {
                    if (data.protocol.name === "dns") {
                        throw new Error("no DNS please: " + data.request.questions[0].name);
                    }
                    if (data.index === 0) {
                        console.log(data.request.method, data.request.path);
                    }
                }
                """);

        int code = test(script, ITEMS);

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(outLines()).first().isEqualTo("[picky] GET /health");
        List<String> errors = err.toString().lines().filter(line -> line.startsWith("error: ")).toList();
        assertThat(errors).hasSize(11).first().asString()
                .isEqualTo("error: " + script + ":3:15 in onItemCaptured: THROWN: Error: no DNS please: www.example.test");
        assertThat(err.toString()).contains("picky: 85 of 85 items, hooks onItemCaptured;").contains(", 11 errors in ");
    }

    @Test
    void aCallOverTheWallTimeIsAnErrorWithAHint() throws IOException {
        Path script = Files.writeString(dir.resolve("slow.js"), """
                function onItemCaptured(data) {
                    var until = Date.now() + 300;
                    while (Date.now() < until) {
                    }
                }
                """);

        int code = trawl("script", "test", script.toString(), "--items", ITEMS.toString(), "--wall-time", "50");

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains(": TIMEOUT: ").contains("hint: this run allowed 50 ms per call (--wall-time); the service allows 200 ms");
    }

    @Test
    void aMissingScriptOrItemsFileIsAUsageError() {
        assertThat(test(dir.resolve("nope.js"), ITEMS)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("trawl script test: " + dir.resolve("nope.js") + ": no such file"
                + System.lineSeparator());

        assertThat(test(EXAMPLES.resolve("basic-auth.js"), dir.resolve("none.jsonl"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("trawl script test: " + dir.resolve("none.jsonl") + ": no such file"
                + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aLineOfItemsThatIsNotAnItemIsNamedByFileAndLine() throws IOException {
        List<String> good = Files.readAllLines(ITEMS).subList(0, 2);
        Path broken = Files.write(dir.resolve("broken.jsonl"), List.of(good.get(0), "", good.get(1), "{\"id\": \"x\",",
                good.get(0)));
        Path array = Files.write(dir.resolve("array.jsonl"), List.of(good.get(0), "[1, 2]"));

        assertThat(test(EXAMPLES.resolve("basic-auth.js"), broken)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("trawl script test: " + broken + ":4: not valid JSON: ");
        assertThat(test(EXAMPLES.resolve("basic-auth.js"), array)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("trawl script test: " + array + ":2: not an item (a JSON object), but "
                + "array" + System.lineSeparator());
    }

    @Test
    void everyExampleRunsCleanOnTheItemsOfTheGoldenCaptures() throws IOException {
        Path items = dir.resolve("golden.jsonl");
        List<Path> captures;
        try (Stream<Path> files = Files.walk(Path.of("../dissector-service/src/test/resources/pcap"))) {
            captures = files.filter(f -> f.toString().endsWith(".pcap")).sorted().toList();
        }
        assertThat(captures).hasSizeGreaterThan(5);
        var all = new ArrayList<String>();
        for (Path capture : captures) {
            Path one = dir.resolve(capture.getFileName() + ".jsonl");
            assertThat(trawl("dissect", capture.toString(), "--out", one.toString(), "--quiet")).isZero();
            all.addAll(Files.readAllLines(one));
        }
        Files.write(items, all);

        try (Stream<Path> scripts = Files.list(EXAMPLES)) {
            for (Path script : scripts.sorted().toList()) {
                assertThat(test(script, items)).as("%s: %s", script, err).isZero();
                // Every example looks at items; one that schedules a job also hears how its runs went.
                assertThat(err.toString()).containsPattern(" of " + all.size() + " items, hooks onItemCaptured"
                                + "(, onJobFailed)?;")
                        .contains(", 0 errors in ");
            }
        }
    }
}
