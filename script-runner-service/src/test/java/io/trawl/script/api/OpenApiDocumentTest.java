package io.trawl.script.api;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiDocumentTest extends ApiTestSupport {

    @Test
    void theDocumentListsEveryPathAndTheBearerScheme() throws Exception {
        Reply reply = call("GET", "/v3/api-docs", null, null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode doc = reply.json();

        assertThat(doc.get("paths").propertyNames()).contains(
                "/api/v1/scripts", "/api/v1/scripts/{name}", "/api/v1/scripts/{name}/enable",
                "/api/v1/scripts/{name}/disable", "/api/v1/scripts/{name}/versions",
                "/api/v1/scripts/{name}/versions/{version}", "/api/v1/scripts/validate", "/api/v1/scripts/test",
                "/api/v1/scripts/{name}/console", "/api/v1/scripts/{name}/console/stream");
        assertThat(doc.get("components").get("securitySchemes").get("bearer").get("scheme").asString())
                .isEqualTo("bearer");
        assertThat(doc.get("security").toString()).contains("bearer");
        assertThat(doc.get("paths").get("/api/v1/scripts").get("post").get("summary").asString())
                .isEqualTo("Create a script");
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        Reply ui = call("GET", "/swagger-ui/index.html", null, null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
        assertThat(call("GET", "/swagger-ui.html", null, null).status()).isIn(200, 302);
    }
}
