package io.trawl.script.api;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad request is a problem detail naming what is wrong. */
class ApiProblemTest extends ApiTestSupport {

    @Test
    void malformedJsonNamesWhereItBreaks() throws Exception {
        call("POST", "/api/v1/scripts", EDITOR, "{\"name\": \"x\",, }").problem(400, "malformed JSON at line 1");
    }

    @Test
    void missingFieldsAreNamed() throws Exception {
        JsonNode problem = call("POST", "/api/v1/scripts", EDITOR, "{}").problem(400, "name: ");
        assertThat(problem.get("detail").asString()).contains("source: ");
        assertThat(problem.get("fields")).hasSize(2);
        call("POST", "/api/v1/scripts", EDITOR, "").problem(400, "needs a JSON body");
        call("POST", "/api/v1/scripts", EDITOR, null).problem(415, "send application/json");
        call("POST", "/api/v1/scripts/test", EDITOR, "{\"source\":\"var a;\"}").problem(400, "items: ");
    }

    @Test
    void aWrongTypeNamesTheField() throws Exception {
        call("POST", "/api/v1/scripts", EDITOR, "{\"name\":\"typed\",\"source\":\"var a;\",\"enabled\":[1]}")
                .problem(400, "enabled: ");
    }

    @Test
    void anInvalidNameNamesTheRule() throws Exception {
        post("/api/v1/scripts", Map.of("name", "Not Valid!", "source", "var a;"))
                .problem(400, "name: use 1 to 64 lowercase letters");
        get("/api/v1/scripts/UPPER").problem(400, "name: 'UPPER' is not a valid script name: use 1 to 64");
    }

    @Test
    void anUnknownScriptIs404() throws Exception {
        get("/api/v1/scripts/no-such-script").problem(404, "no script named 'no-such-script'");
        call("PUT", "/api/v1/scripts/no-such-script", EDITOR, "{\"source\":\"var a;\"}").problem(404, "no-such-script");
        post("/api/v1/scripts/no-such-script/enable", Map.of()).problem(404, "no-such-script");
        post("/api/v1/scripts/test", Map.of("name", "no-such-script", "items", new Object[0]))
                .problem(404, "no-such-script");
        get("/api/v1/no-such-path").problem(404, "");
    }

    @Test
    void tooLargeSourcesItemsAndBodiesAre413() throws Exception {
        String big = "// " + "x".repeat(70 * 1024);
        post("/api/v1/scripts", Map.of("name", unique("big"), "source", big))
                .problem(413, "trawl.api.max-source-bytes (65536)");
        post("/api/v1/scripts/validate", Map.of("source", big)).problem(413, "source: ");
        post("/api/v1/scripts/test", Map.of("source", "var a;", "items", new Object[6]))
                .problem(413, "items: 6 items, more than trawl.api.max-test-items (5)");
        String huge = "{\"source\":\"" + "x".repeat(300 * 1024) + "\"}";
        call("POST", "/api/v1/scripts/validate", EDITOR, huge).problem(413, "trawl.api.max-request-bytes");
    }

    @Test
    void aWrongMethodIs405AndAWrongMediaTypeIs415() throws Exception {
        call("PATCH", "/api/v1/scripts/some-script", EDITOR, "{}").problem(405, "PATCH");
        Reply plain = call("POST", "/api/v1/scripts", EDITOR, "name=x", "Content-Type", "text/plain");
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anIfMatchThatIsNoVersionIs412() throws Exception {
        String name = unique("etag");
        post("/api/v1/scripts", Map.of("name", name, "source", "var a;"));
        call("PUT", "/api/v1/scripts/" + name, EDITOR, "{\"source\":\"var b;\"}", "If-Match", "\"abc\"")
                .problem(412, "is not a version");
    }
}
