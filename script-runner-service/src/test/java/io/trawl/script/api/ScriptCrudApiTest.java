package io.trawl.script.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.trawl.script.store.ScriptVersion;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptCrudApiTest extends ApiTestSupport {

    private static final String V1 = "function onItemCaptured(data) { console.log(data.id); }";
    private static final String V2 = "var seen = 0;\nfunction onItemCaptured(data) { seen++; }";

    @Test
    void createGetUpdateListVersionsAndDelete() throws Exception {
        String name = unique("crud");

        Reply created = post("/api/v1/scripts", Map.of("name", name, "source", V1));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/scripts/" + name);
        assertThat(created.headers().firstValue("ETag")).contains("\"1\"");
        JsonNode script = created.json();
        assertThat(script.get("version").asInt()).isEqualTo(1);
        assertThat(script.get("enabled").asBoolean()).isTrue();
        assertThat(script.get("sha256").asString()).isEqualTo(ScriptVersion.sha256(V1));
        assertThat(script.get("hooks").toString()).isEqualTo("[\"onItemCaptured\"]");

        JsonNode fetched = get("/api/v1/scripts/" + name).json();
        assertThat(fetched.get("source").asString()).isEqualTo(V1);
        assertThat(fetched.get("errors").get("total").asLong()).isZero();

        Reply updated = call("PUT", "/api/v1/scripts/" + name, EDITOR, JSON.writeValueAsString(Map.of("source", V2)),
                "If-Match", "\"1\"");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("version").asInt()).isEqualTo(2);
        assertThat(updated.json().get("sha256").asString()).isEqualTo(ScriptVersion.sha256(V2));
        assertThat(updated.headers().firstValue("ETag")).contains("\"2\"");

        call("PUT", "/api/v1/scripts/" + name, EDITOR, JSON.writeValueAsString(Map.of("source", V1)),
                "If-Match", "\"1\"").problem(412, "not the expected version 1");

        JsonNode listed = null;
        for (JsonNode entry : get("/api/v1/scripts").json()) {
            if (entry.get("name").asString().equals(name)) {
                listed = entry;
            }
        }
        assertThat(listed).as("listed").isNotNull();
        assertThat(listed.get("version").asInt()).isEqualTo(2);
        assertThat(listed.get("sha256").asString()).isEqualTo(ScriptVersion.sha256(V2));
        assertThat(listed.get("errorCount").asLong()).isZero();
        assertThat(listed.has("source")).isFalse();

        JsonNode versions = get("/api/v1/scripts/" + name + "/versions").json();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("sha256").asString()).isEqualTo(ScriptVersion.sha256(V1));
        assertThat(versions.get(1).get("version").asInt()).isEqualTo(2);
        JsonNode first = get("/api/v1/scripts/" + name + "/versions/1").json();
        assertThat(first.get("source").asString()).isEqualTo(V1);
        assertThat(first.get("sha256").asString()).isEqualTo(ScriptVersion.sha256(V1));
        get("/api/v1/scripts/" + name + "/versions/7").problem(404, "has no version 7");

        assertThat(call("DELETE", "/api/v1/scripts/" + name, EDITOR, null).status()).isEqualTo(204);
        get("/api/v1/scripts/" + name).problem(404, "no script named '" + name + "'");
        call("DELETE", "/api/v1/scripts/" + name, EDITOR, null).problem(404, name);
    }

    @Test
    void disableWithAReasonThenEnable() throws Exception {
        String name = unique("toggle");
        assertThat(post("/api/v1/scripts", Map.of("name", name, "source", V1, "enabled", false)).status())
                .isEqualTo(201);
        assertThat(get("/api/v1/scripts/" + name).json().get("enabled").asBoolean()).isFalse();

        JsonNode disabled = post("/api/v1/scripts/" + name + "/disable", Map.of("reason", "too noisy")).json();
        assertThat(disabled.get("disabledReason").asString()).isEqualTo("too noisy");

        Reply enabled = call("POST", "/api/v1/scripts/" + name + "/enable", EDITOR, null);
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(enabled.json().get("disabledReason").isNull()).isTrue();

        Reply bare = call("POST", "/api/v1/scripts/" + name + "/disable", EDITOR, null);
        assertThat(bare.status()).as(bare.body()).isEqualTo(200);
        assertThat(bare.json().get("disabledReason").asString()).isEqualTo("disabled through the API");
    }

    @Test
    void creatingAnExistingNameConflicts() throws Exception {
        String name = unique("twice");
        assertThat(post("/api/v1/scripts", Map.of("name", name, "source", V1)).status()).isEqualTo(201);
        post("/api/v1/scripts", Map.of("name", name, "source", V2)).problem(409, "exists already");
        assertThat(get("/api/v1/scripts/" + name).json().get("source").asString()).isEqualTo(V1);
    }

    @Test
    void aSyntaxErrorIsA422WithLineAndColumnAndNothingIsStored() throws Exception {
        String name = unique("broken");
        JsonNode problem = post("/api/v1/scripts", Map.of("name", name,
                "source", "function onItemCaptured(data) {\n  var x = ;\n}")).problem(422, "line 2");
        assertThat(problem.get("line").asInt()).isEqualTo(2);
        assertThat(problem.get("column").asInt()).isPositive();
        assertThat(problem.get("errors").get(0).get("kind").asString()).isEqualTo("SYNTAX");
        get("/api/v1/scripts/" + name).problem(404, name);

        assertThat(post("/api/v1/scripts", Map.of("name", name, "source", V1)).status()).isEqualTo(201);
        JsonNode onUpdate = call("PUT", "/api/v1/scripts/" + name, EDITOR,
                JSON.writeValueAsString(Map.of("source", "function (")), "If-Match", "\"1\"").problem(422, "SYNTAX");
        assertThat(onUpdate.get("line").asInt()).isEqualTo(1);
        assertThat(get("/api/v1/scripts/" + name).json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void topLevelCodeThatThrowsIsRefusedToo() throws Exception {
        post("/api/v1/scripts", Map.of("name", unique("throws"), "source", "throw new Error('no');"))
                .problem(422, "THROWN");
    }

    @Test
    void listIsInNameOrder() throws Exception {
        String b = "order-b-" + unique("x");
        String a = "order-a-" + unique("x");
        post("/api/v1/scripts", Map.of("name", b, "source", V1));
        post("/api/v1/scripts", Map.of("name", a, "source", V1));
        List<String> names = new java.util.ArrayList<>();
        get("/api/v1/scripts").json().forEach(s -> names.add(s.get("name").asString()));
        assertThat(names).isSorted().contains(a, b);
    }
}
