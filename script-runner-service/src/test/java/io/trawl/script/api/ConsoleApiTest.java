package io.trawl.script.api;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.trawl.script.console.ConsoleLog;
import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptOutput.Level;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleApiTest extends ApiTestSupport {

    @Autowired
    ConsoleLog console;

    private String script() throws Exception {
        String name = unique("console");
        Reply created = post("/api/v1/scripts", Map.of("name", name, "source", "function onItemCaptured(d) {}"));
        assertThat(created.status()).isEqualTo(201);
        return name;
    }

    @Test
    void recentLinesWithErrorsAndCounts() throws Exception {
        String name = script();
        console.line(name, Level.LOG, "first");
        console.line(name, Level.LOG, "second");
        console.error(new ScriptError(name, ScriptError.Kind.THROWN, "onItemCaptured", "TypeError: x", 4, 2));

        JsonNode view = get("/api/v1/scripts/" + name + "/console?limit=2").json();

        assertThat(view.get("lines")).hasSize(2);
        assertThat(view.get("lines").get(0).get("text").asString()).isEqualTo("second");
        assertThat(view.get("lines").get(1).get("level").asString()).isEqualTo("ERROR");
        assertThat(view.get("lines").get(1).get("text").asString()).startsWith(name + ":4:2 in onItemCaptured");
        assertThat(view.get("errors").get("total").asLong()).isEqualTo(1);
        assertThat(view.get("errors").get("byKind").get("THROWN").asLong()).isEqualTo(1);
        assertThat(view.get("errors").get("last").get("line").asInt()).isEqualTo(4);
        assertThat(get("/api/v1/scripts/" + name).json().get("errors").get("total").asLong()).isEqualTo(1);

        get("/api/v1/scripts/" + name + "/console?limit=0").problem(400, "limit: must be between 1 and 1000");
        get("/api/v1/scripts/nobody-here/console").problem(404, "nobody-here");
        call("GET", "/api/v1/scripts/nobody-here/console/stream", VIEWER, null, "Accept", "text/event-stream")
                .problem(404, "nobody-here");
    }

    @Test
    void theStreamDeliversNewLinesLive() throws Exception {
        String name = script();
        console.line(name, Level.LOG, "before");
        HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/scripts/" + name + "/console/stream?recent=1"))
                .header("Authorization", "Bearer " + VIEWER).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Iterator<String> lines = response.body().iterator();

        CompletableFuture<String> live = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            while (lines.hasNext()) {
                String line = lines.next();
                seen.append(line).append('\n');
                if (line.startsWith("data:") && line.contains("\"live line\"")) {
                    return seen.toString();
                }
            }
            return seen.toString();
        });
        // written after the stream is open: only a live subscription delivers it
        Thread.sleep(Duration.ofMillis(300));
        console.line(name, Level.LOG, "live line");

        String events = live.get(10, TimeUnit.SECONDS);
        assertThat(events).contains("event:line").contains("\"before\"").contains("\"live line\"")
                .contains("\"level\":\"LOG\"");
        response.body().close();
    }

    @Test
    void deletingTheScriptEndsItsStream() throws Exception {
        String name = script();
        HttpResponse<Stream<String>> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/scripts/" + name + "/console/stream"))
                .header("Authorization", "Bearer " + VIEWER).build(), HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Long> ended = CompletableFuture.supplyAsync(() -> response.body().count());

        assertThat(call("DELETE", "/api/v1/scripts/" + name, EDITOR, null).status()).isEqualTo(204);

        assertThat(ended.get(10, TimeUnit.SECONDS)).isPositive();
    }
}
