package io.trawl.script.examples;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.script.dryrun.DryRunResult;
import io.trawl.script.helper.HelperCall;
import io.trawl.script.host.ScriptOutput;
import tools.jackson.databind.JsonNode;

import static io.trawl.script.examples.ExampleRig.calls;
import static io.trawl.script.examples.ExampleRig.captureItemTrees;
import static io.trawl.script.examples.ExampleRig.texts;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scripts/examples/server-errors.js}: console.error and test.fail for every 5xx. */
class ServerErrorsExampleTest {

    private static final String SCRIPT = "server-errors";
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
    void everyServerErrorTheClientsProvokedIsFlaggedAndFailed() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of());

        // examples_clients.sh: /api/payments twice (500), /api/reports/13 (500), an inventory item (503) and
        // the checkout POST (500); every other request of the capture is answered 200, 401 or 404.
        assertThat(texts(result)).containsExactly(
                "server error: GET /api/payments -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                "server error: GET /api/payments -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                "server error: GET /api/reports/13 -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)",
                "server error: GET /api/inventory/sku-20931 -> 503 Service Unavailable (10.233.0.1 -> 10.233.0.2:8080)",
                "server error: POST /api/checkout -> 500 Internal Server Error (10.233.0.1 -> 10.233.0.2:8080)");
        assertThat(result.console()).allSatisfy(line -> assertThat(line.level()).isEqualTo(ScriptOutput.Level.ERROR));
        assertThat(result.calls()).extracting(HelperCall::helper).containsOnly("test.fail");
        assertThat(calls(result, "test.fail")).extracting(call -> call.arguments().getFirst())
                .containsExactlyElementsOf(idsWithStatus(500, 599));
    }

    @Test
    void theLowestFlaggedStatusCanTakeInClientErrors() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of("SERVER_ERRORS_MIN_STATUS", "400"));

        assertThat(calls(result, "test.fail")).extracting(call -> call.arguments().getFirst())
                .containsExactlyElementsOf(idsWithStatus(400, 599)).hasSize(9);
        assertThat(texts(result)).filteredOn(line -> line.contains(" -> 4"))
                .extracting(line -> line.substring(0, line.indexOf(" (")))
                .containsExactly("server error: GET /api/users/9404 -> 404 Not Found",
                        "server error: GET /api/users/9405 -> 404 Not Found",
                        "server error: POST /api/login -> 401 Unauthorized",
                        "server error: GET /api/profile -> 401 Unauthorized");
    }

    @Test
    void ignoredPathPrefixesAreNeverFlagged() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of("SERVER_ERRORS_IGNORE", " /api/payments , /api/reports"));

        assertThat(texts(result)).extracting(line -> line.substring(0, line.indexOf(" (")))
                .containsExactly("server error: GET /api/inventory/sku-20931 -> 503 Service Unavailable",
                        "server error: POST /api/checkout -> 500 Internal Server Error");
    }

    private static List<String> idsWithStatus(int lowest, int highest) {
        return captureItemTrees().stream()
                .filter(item -> item.get("protocol").get("name").asString().equals("http"))
                .filter(item -> {
                    JsonNode status = item.get("response").get("status");
                    return status != null && status.asInt() >= lowest && status.asInt() <= highest;
                })
                .map(item -> item.get("id").asString())
                .toList();
    }
}
