package io.trawl.script.examples;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.script.dryrun.DryRunResult;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.trawl.script.examples.ExampleRig.derived;
import static io.trawl.script.examples.ExampleRig.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scripts/examples/generated-dns-names.js}: random-looking labels in DNS questions. */
class GeneratedDnsNamesExampleTest {

    private static final String SCRIPT = "generated-dns-names";
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
    void theGeneratedNamesTheClientsAskedForAreFlaggedOnceEachAndNoOtherName() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of());

        // examples_clients.sh asks for 11 names: 6 ordinary ones (some long, some with digits) and 4 generated
        // ones, the first of them twice.
        assertThat(texts(result)).containsExactly(
                "generated-looking DNS name: x7kq2v9zr4mpl8w3.example.test (label x7kq2v9zr4mpl8w3: length 16, "
                        + "digits 38%, consonant run 3, entropy 4.00 bits, score 2) asked by 10.233.0.1",
                "generated-looking DNS name: qzxv8n2kd7wp5tr1h9.example.test (label qzxv8n2kd7wp5tr1h9: length 18, "
                        + "digits 33%, consonant run 4, entropy 4.17 bits, score 2) asked by 10.233.0.1",
                "generated-looking DNS name: 3f9a7c1e5b2d80461c.example.test (label 3f9a7c1e5b2d80461c: length 18, "
                        + "digits 61%, consonant run 1, entropy 3.95 bits, score 2) asked by 10.233.0.1",
                "generated-looking DNS name: mnbvcxzlkjhgfdsq.example.test (label mnbvcxzlkjhgfdsq: length 16, "
                        + "digits 0%, consonant run 16, entropy 4.00 bits, score 2) asked by 10.233.0.1");
        assertThat(result.calls()).isEmpty();
    }

    @Test
    void ignoredSuffixesAreNeverFlagged() {
        assertThat(rig.onCapture(SCRIPT, Map.of("GENERATED_DNS_IGNORE", "lab.test, example.test")).console()).isEmpty();
    }

    @Test
    void aStricterScoreLeavesOnlyNamesWithAllThreeSigns() {
        assertThat(texts(rig.onCapture(SCRIPT, Map.of("GENERATED_DNS_MIN_SCORE", "3")))).isEmpty();
        assertThat(texts(rig.onCapture(SCRIPT, Map.of("GENERATED_DNS_MIN_SCORE", "3",
                "GENERATED_DNS_MIN_CONSONANT_RUN", "4")))).singleElement().asString()
                .startsWith("generated-looking DNS name: qzxv8n2kd7wp5tr1h9.example.test ");
    }

    @Test
    void reverseLookupsServiceLabelsTopLevelDomainsAndShortLabelsAreNotJudged() {
        List<byte[]> items = List.of(
                question("4f3a9b7c2d1e8f6a.in-addr.arpa"),
                question("_x7kq2v9zr4mpl8w3._tcp.example.test"),
                question("x7kq2v9zr4mpl8w3"),
                question("x7kq2v9zr4m.example.test"),
                question("Q7KQ2V9ZR4MPL8W3.Example.Test"));

        assertThat(texts(rig.run(SCRIPT, Map.of(), items))).singleElement().asString()
                .startsWith("generated-looking DNS name: q7kq2v9zr4mpl8w3.example.test (label q7kq2v9zr4mpl8w3:");
    }

    private static byte[] question(String name) {
        return derived("dns", item -> {
            ArrayNode questions = (ArrayNode) item.get("request").get("questions");
            ((ObjectNode) questions.get(0)).put("name", name);
        });
    }
}
