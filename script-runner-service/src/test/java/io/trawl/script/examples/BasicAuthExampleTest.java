package io.trawl.script.examples;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.trawl.script.dryrun.DryRunResult;
import tools.jackson.databind.node.ObjectNode;

import static io.trawl.script.examples.ExampleRig.derived;
import static io.trawl.script.examples.ExampleRig.texts;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scripts/examples/basic-auth.js}: cleartext Basic credentials, user name only. */
class BasicAuthExampleTest {

    private static final String SCRIPT = "basic-auth";
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
    void eachUserIsReportedOncePerClientAndServerWithoutThePassword() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of());

        // examples_clients.sh: -u user:secret to /api/login and /api/profile, -u admin:hunter2 to /api/login;
        // the Bearer token and the request without credentials are not Basic.
        assertThat(texts(result)).containsExactly(
                "cleartext Basic auth: user \"user\" on POST /api/login from 10.233.0.1 to 10.233.0.2:8080 (status 200)",
                "cleartext Basic auth: user \"admin\" on POST /api/login from 10.233.0.1 to 10.233.0.2:8080 (status 401)");
        assertThat(result.calls()).isEmpty();
        assertNoPassword(result);
    }

    @Test
    void everyRequestWhenAskedTo() {
        DryRunResult result = rig.onCapture(SCRIPT, Map.of("BASIC_AUTH_REPORT_ALL", "true"));

        assertThat(texts(result)).extracting(line -> line.substring(0, line.indexOf(" from ")))
                .containsExactly("cleartext Basic auth: user \"user\" on POST /api/login",
                        "cleartext Basic auth: user \"admin\" on POST /api/login",
                        "cleartext Basic auth: user \"user\" on GET /api/profile");
        assertNoPassword(result);
    }

    @Test
    void headerNameAndSchemeInAnyCaseUtf8UserNamesAndOddCredentials() {
        List<byte[]> items = List.of(
                withAuthorization("authorization", "basic " + base64("jürgen:pässword")),
                withAuthorization("AUTHORIZATION", "Basic " + base64("tokenonly")),
                withAuthorization("Authorization", "Basic " + base64("a\"b\nc:pw").replace("=", "")),
                withAuthorization("Authorization", "Bearer " + base64("user:secret")),
                withAuthorization("Authorization", "Basic"));

        DryRunResult result = rig.run(SCRIPT, Map.of("BASIC_AUTH_REPORT_ALL", "true"), items);

        assertThat(texts(result)).extracting(line -> line.substring(0, line.indexOf(" on "))).containsExactly(
                "cleartext Basic auth: user \"jürgen\"",
                "cleartext Basic auth: user \"(no password separator)\"",
                "cleartext Basic auth: user \"a?b?c\"");
        assertThat(String.join("\n", texts(result))).doesNotContain("pässword", "tokenonly", "pw)");
    }

    private static void assertNoPassword(DryRunResult result) {
        assertThat(texts(result)).noneMatch(line -> line.contains("secret") || line.contains("hunter2"));
    }

    private static byte[] withAuthorization(String name, String value) {
        return derived("http", item -> {
            ObjectNode headers = (ObjectNode) item.get("request").get("headers");
            headers.removeAll();
            headers.put("Host", "10.233.0.2:8080");
            headers.put(name, value);
        });
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }
}
