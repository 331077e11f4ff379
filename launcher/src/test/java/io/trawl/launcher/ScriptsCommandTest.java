package io.trawl.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trawl.script.store.ScriptVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trawl scripts sync} against a real HTTP server on loopback that implements the part of
 * {@code /api/v1/scripts} sync uses (list, get, create, update, delete; bearer token; RFC 9457 problem details
 * for errors), recording every request it receives.
 */
class ScriptsCommandTest {

    private static final String TOKEN = "editor-token-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private ScriptsApiStandIn api;

    @BeforeEach
    void startApi() throws IOException {
        api = new ScriptsApiStandIn();
    }

    @AfterEach
    void stopApi() {
        api.stop();
    }

    private int trawl(Map<String, String> environment, String... args) {
        CommandLine cli = Trawl.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ScriptsCommand.Sync sync = cli.getSubcommands().get("scripts").getSubcommands().get("sync").getCommand();
        sync.environment = environment;
        return cli.execute(args);
    }

    private int trawl(String... args) {
        return trawl(Map.of(), args);
    }

    private Path script(String fileName, String source) throws IOException {
        return Files.writeString(dir.resolve(fileName), source);
    }

    private List<String> outLines() {
        return out.toString().lines().toList();
    }

    @Test
    void createsMissingUpdatesChangedKeepsEqualAndDeletesTheRest() throws Exception {
        script("status-codes.js", "// counts\nfunction onItemCaptured(data) {}\n");
        script("server-errors.js", "// 5xx, new\nfunction onItemCaptured(data) {}\n");
        script("latency-outliers.js", "// same\n");
        api.stored("server-errors", "// 5xx, old\n");
        api.stored("latency-outliers", "// same\n");
        api.stored("old-report", "// gone from the folder\n");

        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url(), "--token", TOKEN);

        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(outLines()).containsExactly(
                "unchanged latency-outliers",
                "updated server-errors",
                "created status-codes",
                "deleted old-report",
                "1 created, 1 updated, 1 unchanged, 1 deleted");
        assertThat(api.requests()).containsExactly(
                "GET /api/v1/scripts",
                "PUT /api/v1/scripts/server-errors {\"source\":\"// 5xx, new\\nfunction onItemCaptured(data) {}\\n\"}",
                "POST /api/v1/scripts {\"name\":\"status-codes\",\"source\":\"// counts\\nfunction onItemCaptured(data) {}\\n\"}",
                "DELETE /api/v1/scripts/old-report");
        assertThat(api.authorizations()).containsOnly("Bearer " + TOKEN);
        assertThat(api.sources()).containsOnlyKeys("latency-outliers", "server-errors", "status-codes")
                .containsEntry("server-errors", "// 5xx, new\nfunction onItemCaptured(data) {}\n");
    }

    @Test
    void theExampleScriptsSyncIntoAnEmptyApiAndASecondSyncChangesNothing() {
        Path examples = Path.of("../scripts/examples");

        int first = trawl("scripts", "sync", examples.toString(), "--api", api.url() + "/", "--token", TOKEN);
        int second = trawl("scripts", "sync", examples.toString(), "--api", api.url() + "/api/v1/scripts",
                "--token", TOKEN);

        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(outLines()).containsExactly(
                "created basic-auth", "created error-burst", "created generated-dns-names",
                "created latency-outliers", "created protocol-report", "created server-errors",
                "created status-codes", "7 created, 0 updated, 0 unchanged, 0 deleted",
                "unchanged basic-auth", "unchanged error-burst", "unchanged generated-dns-names",
                "unchanged latency-outliers", "unchanged protocol-report", "unchanged server-errors",
                "unchanged status-codes", "0 created, 0 updated, 7 unchanged, 0 deleted");
        assertThat(api.requests()).filteredOn(r -> !r.startsWith("GET")).hasSize(7)
                .allSatisfy(r -> assertThat(r).startsWith("POST /api/v1/scripts {\"name\":"));
    }

    @Test
    void dryRunOnlyReads() throws Exception {
        script("new-one.js", "// new\n");
        script("changed.js", "// changed\n");
        api.stored("changed", "// before\n");
        api.stored("orphan", "// no file\n");

        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url(), "--token", TOKEN, "--dry-run");

        assertThat(code).isZero();
        assertThat(outLines()).containsExactly("would update changed", "would create new-one", "would delete orphan",
                "dry run, nothing changed: 1 created, 1 updated, 0 unchanged, 1 deleted");
        assertThat(api.requests()).containsExactly("GET /api/v1/scripts");
        assertThat(api.sources()).containsOnlyKeys("changed", "orphan").containsEntry("changed", "// before\n");
    }

    @Test
    void noPruneKeepsScriptsThatHaveNoFile() throws Exception {
        script("mine.js", "// mine\n");
        api.stored("someone-elses", "// theirs\n");

        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url(), "--token", TOKEN, "--no-prune");

        assertThat(code).isZero();
        assertThat(outLines()).containsExactly("created mine", "kept someone-elses (no file; --no-prune)",
                "1 created, 0 updated, 0 unchanged, 0 deleted");
        assertThat(api.sources()).containsOnlyKeys("mine", "someone-elses");
    }

    @Test
    void createDisabledAsksForDisabledScripts() throws Exception {
        script("quiet.js", "// quiet\n");

        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url(), "--token", TOKEN, "--create-disabled");

        assertThat(code).isZero();
        assertThat(api.requests()).containsExactly("GET /api/v1/scripts",
                "POST /api/v1/scripts {\"name\":\"quiet\",\"source\":\"// quiet\\n\",\"enabled\":false}");
        assertThat(api.enabled("quiet")).isFalse();
    }

    @Test
    void fileNameBecomesALowerCaseScriptName() throws Exception {
        script("Status-Codes.js", "// x\n");
        script("notes.txt", "not a script");

        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url(), "--token", TOKEN);

        assertThat(code).isZero();
        assertThat(api.sources()).containsOnlyKeys("status-codes");
    }

    @Test
    void tokenComesFromTrawlTokenWhenNotGiven() throws Exception {
        script("a.js", "// a\n");

        int code = trawl(Map.of("TRAWL_TOKEN", TOKEN), "scripts", "sync", dir.toString(), "--api", api.url());

        assertThat(code).isZero();
        assertThat(api.authorizations()).containsOnly("Bearer " + TOKEN);
    }

    @Test
    void withoutATokenTheApiRefusesAndTheCommandSaysHowToGiveOne() throws Exception {
        script("a.js", "// a\n");

        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("trawl scripts sync: GET " + api.url() + "/api/v1/scripts: 401 Unauthorized: this endpoint needs a "
                + "token: send 'Authorization: Bearer <token>' (no token: give --token or set TRAWL_TOKEN)" + System.lineSeparator());
        assertThat(api.sources()).isEmpty();
    }

    @Test
    void aScriptTheApiRefusesIsShownWithItsProblemDetailAndTheOthersStillSync() throws Exception {
        script("broken.js", "function onItemCaptured(data) { if (; }\n");
        script("fine.js", "// fine\n");

        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url(), "--token", TOKEN);

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).isEqualTo("trawl scripts sync: create broken (" + dir.resolve("broken.js")
                + "): 422 Unprocessable Content: source: the script is not valid at line 1, column 37: SYNTAX: "
                + "SyntaxError: broken:1:36 Expected an operand but found ;; nothing was stored" + System.lineSeparator());
        assertThat(outLines()).containsExactly("created fine", "1 created, 0 updated, 0 unchanged, 0 deleted, 1 failed");
        assertThat(api.sources()).containsOnlyKeys("fine");
    }

    @Test
    void anInvalidFileNameChangesNothingAndAsksNothing() throws Exception {
        script("good.js", "// good\n");
        script("no spaces allowed.js", "// bad\n");
        script("-dash-first.js", "// bad\n");

        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url(), "--token", TOKEN);

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines()).containsExactly(
                "trawl scripts sync: " + dir.resolve("-dash-first.js") + ": script name '-dash-first' is not valid: "
                        + "use 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit",
                "trawl scripts sync: " + dir.resolve("no spaces allowed.js") + ": script name 'no spaces allowed' "
                        + "is not valid: use 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit",
                "trawl scripts sync: nothing changed");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void twoFilesWithOneNameAreRefused() throws Exception {
        script("dup.js", "// 1\n");
        script("DUP.js", "// 2\n");

        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url(), "--token", TOKEN);

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(dir.resolve("dup.js") + ": script name 'dup' is also the name of "
                + dir.resolve("DUP.js"));
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aFolderWithoutScriptsIsRefusedRatherThanPrunedEmpty() {
        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url(), "--token", TOKEN);

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(dir + ": no .js files; nothing changed");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void anUnreachableApiIsAUsageError() throws Exception {
        script("a.js", "// a\n");
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        int code = trawl("scripts", "sync", dir.toString(), "--api", "http://127.0.0.1:" + closedPort, "--token", TOKEN);

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("trawl scripts sync: cannot reach http://127.0.0.1:" + closedPort
                + "/api/v1/scripts");
    }

    @Test
    void anApiThatIsNotAnHttpUrlIsAUsageError() throws Exception {
        script("a.js", "// a\n");

        int code = trawl("scripts", "sync", dir.toString(), "--api", "ftp://127.0.0.1/", "--token", TOKEN);

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isEqualTo("trawl scripts sync: --api 'ftp://127.0.0.1/' is not an http:// or "
                + "https:// URL with a host" + System.lineSeparator());
    }

    @Test
    void aListWithoutHashesIsCompletedByGettingEachScript() throws Exception {
        script("same.js", "// same\n");
        api.stored("same", "// same\n");
        api.listWithoutHashes = true;

        int code = trawl("scripts", "sync", dir.toString(), "--api", api.url(), "--token", TOKEN);

        assertThat(code).isZero();
        assertThat(outLines()).containsExactly("unchanged same", "0 created, 0 updated, 1 unchanged, 0 deleted");
        assertThat(api.requests()).containsExactly("GET /api/v1/scripts", "GET /api/v1/scripts/same");
    }

    /**
     * The scripts API as sync sees it. List: a JSON array of {@code {name, enabled, version, sha256}}; get: the
     * same with {@code source}; create: {@code POST {name, source, enabled?}} (201, enabled unless told otherwise;
     * 409 when the name exists, 422 when the source does not parse); update: {@code PUT {source}} makes a new version; delete: 204. Every call needs
     * {@code Authorization: Bearer TOKEN}; errors are {@code application/problem+json}.
     */
    static final class ScriptsApiStandIn {

        private final HttpServer server;
        private final Map<String, Stored> scripts = Collections.synchronizedMap(new TreeMap<>());
        private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
        volatile boolean listWithoutHashes;

        record Stored(String source, int version, boolean enabled) {
        }

        ScriptsApiStandIn() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/scripts", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        void stored(String name, String source) {
            scripts.put(name, new Stored(source, 1, true));
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        boolean enabled(String name) {
            return scripts.get(name).enabled();
        }

        List<String> authorizations() {
            return List.copyOf(authorizations);
        }

        Map<String, String> sources() {
            var sources = new TreeMap<String, String>();
            synchronized (scripts) {
                scripts.forEach((name, script) -> sources.put(name, script.source()));
            }
            return sources;
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String method = exchange.getRequestMethod();
                String path = exchange.getRequestURI().getRawPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (authorization == null || !authorization.equals("Bearer " + TOKEN)) {
                    problem(exchange, 401, "Unauthorized",
                            "this endpoint needs a token: send 'Authorization: Bearer <token>'", Map.of());
                    return;
                }
                authorizations.add(authorization);
                String name = path.equals("/api/v1/scripts") ? null : path.substring("/api/v1/scripts/".length());
                switch (method) {
                    case "GET" -> {
                        if (name == null) {
                            var list = new ArrayList<Map<String, Object>>();
                            synchronized (scripts) {
                                scripts.forEach((n, s) -> list.add(view(n, s, false)));
                            }
                            json(exchange, 200, list);
                        } else if (scripts.containsKey(name)) {
                            json(exchange, 200, view(name, scripts.get(name), true));
                        } else {
                            problem(exchange, 404, "Not Found", "no script '" + name + "'", Map.of());
                        }
                    }
                    case "POST" -> {
                        JsonNode request = JSON.readTree(body);
                        String newName = request.get("name").asString();
                        String source = request.get("source").asString();
                        boolean enabled = request.get("enabled") == null || request.get("enabled").asBoolean();
                        if (scripts.containsKey(newName)) {
                            problem(exchange, 409, "Conflict", "script '" + newName + "' exists", Map.of());
                        } else if (!parses(newName, source, exchange)) {
                            return;
                        } else {
                            scripts.put(newName, new Stored(source, 1, enabled));
                            json(exchange, 201, view(newName, scripts.get(newName), false));
                        }
                    }
                    case "PUT" -> {
                        Stored old = scripts.get(name);
                        String source = JSON.readTree(body).get("source").asString();
                        if (old == null) {
                            problem(exchange, 404, "Not Found", "no script '" + name + "'", Map.of());
                        } else if (parses(name, source, exchange)) {
                            scripts.put(name, new Stored(source, old.version() + 1, old.enabled()));
                            json(exchange, 200, view(name, scripts.get(name), false));
                        }
                    }
                    case "DELETE" -> {
                        if (scripts.remove(name) == null) {
                            problem(exchange, 404, "Not Found", "no script '" + name + "'", Map.of());
                        } else {
                            exchange.sendResponseHeaders(204, -1);
                        }
                    }
                    default -> problem(exchange, 405, "Method Not Allowed", method, Map.of());
                }
            }
        }

        private Map<String, Object> view(String name, Stored script, boolean withSource) {
            var view = new LinkedHashMap<String, Object>();
            view.put("name", name);
            view.put("enabled", script.enabled());
            view.put("version", script.version());
            if (!listWithoutHashes || withSource) {
                view.put("sha256", ScriptVersion.sha256(script.source()));
            }
            if (withSource) {
                view.put("source", script.source());
            }
            return view;
        }

        /** Stands in for the API's validation: one kind of syntax error, reported as the API reports it. */
        private static boolean parses(String name, String source, HttpExchange exchange) throws IOException {
            int at = source.indexOf("(;");
            if (at < 0) {
                return true;
            }
            int column = at + 2;
            String message = "SyntaxError: " + name + ":1:" + (column - 1) + " Expected an operand but found ;";
            var error = new LinkedHashMap<String, Object>();
            error.put("line", 1);
            error.put("column", column);
            error.put("message", message);
            error.put("kind", "SYNTAX");
            var extra = new LinkedHashMap<String, Object>();
            extra.put("errors", List.of(error));
            extra.put("line", 1);
            extra.put("column", column);
            problem(exchange, 422, "Unprocessable Content", "source: the script is not valid at line 1, column "
                    + column + ": SYNTAX: " + message + "; nothing was stored", extra);
            return false;
        }

        private static void json(HttpExchange exchange, int status, Object body) throws IOException {
            send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
        }

        private static void problem(HttpExchange exchange, int status, String title, String detail,
                                    Map<String, Object> extra) throws IOException {
            var problem = new LinkedHashMap<String, Object>();
            problem.put("type", "about:blank");
            problem.put("title", title);
            problem.put("status", status);
            problem.put("detail", detail);
            problem.put("instance", exchange.getRequestURI().getPath());
            problem.putAll(extra);
            send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(problem));
        }

        private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
