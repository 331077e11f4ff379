package io.trawl.script.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.script.dryrun.DryRun;
import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.store.StoredScript;

import static org.assertj.core.api.Assertions.assertThat;

/** What every example in {@code scripts/examples/} promises, whatever it detects. */
class ExampleScriptsTest {

    private static final List<String> EXAMPLES = List.of("basic-auth", "error-burst", "generated-dns-names",
            "latency-outliers", "protocol-report", "server-errors", "status-codes");
    // Kubeshark runs ES5 only; these are the ES2015+ forms a script is most likely to slip in.
    private static final Pattern NOT_ES5 = Pattern.compile("\\blet\\s|\\bconst\\s|=>|`|\\bclass\\s|\\.\\.\\.[a-zA-Z]");

    private static ExampleRig rig;

    @BeforeAll
    static void start() {
        rig = new ExampleRig();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @Test
    void theFolderHoldsExactlyTheTestedExamplesEachWithAValidScriptName() throws IOException {
        try (Stream<Path> files = Files.list(ExampleRig.SCRIPTS)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted())
                    .containsExactlyElementsOf(EXAMPLES.stream().map(name -> name + ".js").toList());
        }
        assertThat(EXAMPLES).allMatch(name -> StoredScript.NAME.matcher(name).matches());
    }

    @Test
    void eachStartsWithAHeaderThatSaysWhatItDoesWhichHelpersItUsesAndHowToTuneIt() {
        for (String name : EXAMPLES) {
            List<String> header = ExampleRig.source(name).lines().takeWhile(line -> line.startsWith("//")).toList();
            assertThat(header).as(name).hasSizeGreaterThan(5);
            assertThat(String.join("\n", header)).as(name).contains("What it does:", "Helpers:", "Tuning");
        }
    }

    @Test
    void eachIsEs5AsKubesharkRunsIt() {
        for (String name : EXAMPLES) {
            String code = ExampleRig.source(name).lines().filter(line -> !line.strip().startsWith("//"))
                    .reduce("", (a, b) -> a + b + "\n");
            assertThat(NOT_ES5.matcher(code).find()).as("%s uses a form ES5 does not have", name).isFalse();
        }
    }

    @Test
    void eachValidatesAndRunsWithoutErrorOnItemsFromOtherCapturesToo() throws IOException {
        List<byte[]> other = DryRun.jsonLines(Files.readString(
                Path.of("src/test/resources/items/post-100continue-chunked-gzip.jsonl")));
        assertThat(other).isNotEmpty();
        for (String name : EXAMPLES) {
            DryRunResult result = rig.run(name, Map.of(), other);
            assertThat(result.items()).isEqualTo(other.size());
        }
    }
}
