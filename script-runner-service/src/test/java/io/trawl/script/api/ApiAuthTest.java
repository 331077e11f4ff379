package io.trawl.script.api;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiAuthTest extends ApiTestSupport {

    private static final String SOURCE = "function onItemCaptured(data) {}";

    @Test
    void withoutATokenEveryApiCallIs401WithABearerChallenge() throws Exception {
        Reply reply = call("GET", "/api/v1/scripts", null, null);
        reply.problem(401, "Authorization: Bearer");
        assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer").doesNotContain("invalid_token"));
        call("POST", "/api/v1/scripts/validate", null, "{\"source\":\"1\"}").problem(401, "needs a token");
    }

    @Test
    void anUnknownTokenIs401InvalidToken() throws Exception {
        Reply reply = call("GET", "/api/v1/scripts", "not-a-known-token-at-all", null);
        reply.problem(401, "not known");
        assertThat(reply.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer").contains("error=\"invalid_token\""));
        Reply basic = call("GET", "/api/v1/scripts", null, null, "Authorization", "Basic dXNlcjpwYXNz");
        basic.problem(401, "not known");
        assertThat(basic.body()).doesNotContain("dXNlcjpwYXNz");
    }

    @Test
    void aViewerReadsValidatesAndTestsButCannotWrite() throws Exception {
        String name = unique("auth");
        assertThat(post("/api/v1/scripts", Map.of("name", name, "source", SOURCE)).status()).isEqualTo(201);

        assertThat(call("GET", "/api/v1/scripts", VIEWER, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/scripts/" + name, VIEWER, null).status()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/scripts/validate", VIEWER, "{\"source\":\"var a = 1;\"}").status())
                .isEqualTo(200);
        assertThat(call("POST", "/api/v1/scripts/test", VIEWER, "{\"source\":\"var a = 1;\",\"items\":[]}").status())
                .isEqualTo(200);

        call("POST", "/api/v1/scripts", VIEWER, JSON.writeValueAsString(Map.of("name", unique("v"), "source", SOURCE)))
                .problem(403, "editor role");
        call("PUT", "/api/v1/scripts/" + name, VIEWER, "{\"source\":\"var b;\"}").problem(403, "editor role");
        call("DELETE", "/api/v1/scripts/" + name, VIEWER, null).problem(403, "editor role");
        call("POST", "/api/v1/scripts/" + name + "/enable", VIEWER, null).problem(403, "editor role");
        call("POST", "/api/v1/scripts/" + name + "/disable", VIEWER, null).problem(403, "editor role");
        assertThat(get("/api/v1/scripts/" + name).json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void anEditorMayDoEverything() throws Exception {
        String name = unique("editor");
        assertThat(call("POST", "/api/v1/scripts", EDITOR, JSON.writeValueAsString(Map.of("name", name,
                "source", SOURCE))).status()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/scripts/" + name, EDITOR, null).status()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/scripts/" + name + "/disable", EDITOR, null).status()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/scripts/" + name, EDITOR, null).status()).isEqualTo(204);
    }

    @Test
    void healthPrometheusAndTheOpenApiDocumentNeedNoToken() throws Exception {
        assertThat(call("GET", "/actuator/health/liveness", null, null).status()).isEqualTo(200);
        assertThat(call("GET", "/actuator/prometheus", null, null).body()).contains("trawl_script_store_scripts");
        assertThat(call("GET", "/v3/api-docs", null, null).status()).isEqualTo(200);
        assertThat(call("GET", "/actuator/info", null, null).status()).isEqualTo(401);
    }
}
