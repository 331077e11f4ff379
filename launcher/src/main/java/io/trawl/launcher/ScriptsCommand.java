package io.trawl.launcher;

import io.trawl.script.store.ScriptVersion;
import io.trawl.script.store.StoredScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code trawl scripts}: the scripts of a running Trawl, managed through its REST API. */
@Command(name = "scripts", mixinStandardHelpOptions = true, subcommands = ScriptsCommand.Sync.class,
        description = "Manage the scripts of a running Trawl through its REST API (/api/v1/scripts).")
final class ScriptsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /**
     * {@code trawl scripts sync DIR}: makes the API's scripts what the folder holds, as {@code kubeshark scripts}
     * does with its ConfigMap, but once (no watching): every {@code *.js} file becomes the script named after
     * the file, created when missing and updated when its SHA-256 differs; with pruning, scripts the folder does
     * not have are deleted. Nothing is changed when a file name or file is invalid.
     */
    @Command(name = "sync", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Push every *.js file in DIR to the scripts API: create missing scripts, update changed ones "
                    + "(by SHA-256), delete scripts that are not in DIR (unless --no-prune).",
                    "A script's name is its file name without .js, in lower case: 1 to 64 of a-z 0-9 . _ -, "
                            + "starting with a letter or digit."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:every action succeeded", "1:the API refused at least one action",
                    "2:bad arguments, an invalid file, or the API could not be reached or refused the token"})
    static final class Sync implements Callable<Integer> {

        @Parameters(paramLabel = "DIR", description = "folder of .js files (not searched recursively)")
        Path dir;

        @Option(names = "--api", required = true, paramLabel = "URL",
                description = "the Trawl API, e.g. http://127.0.0.1:8080 (/api/v1/scripts is added unless given)")
        String api;

        @Option(names = "--token", paramLabel = "TOKEN",
                description = "bearer token (an editor's, to create, update and delete); default: $TRAWL_TOKEN")
        String token;

        @Option(names = "--dry-run", description = "say what would change, change nothing")
        boolean dryRun;

        @Option(names = "--prune", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "delete scripts that have no file in DIR (default: on; --no-prune keeps them)")
        boolean prune;

        @Option(names = "--create-disabled",
                description = "create missing scripts disabled (the API's default is enabled); enable them later")
        boolean createDisabled;

        @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
                description = "per request (default: ${DEFAULT-VALUE})")
        int timeoutSeconds;

        @Spec
        CommandSpec spec;

        /** Where the token comes from when --token is not given; a test replaces it. */
        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                List<LocalScript> local = LocalScript.readAll(dir);
                var client = new ScriptsApi(scriptsUri(api), token != null ? token : environment.get("TRAWL_TOKEN"),
                        Duration.ofSeconds(timeoutSeconds), !createDisabled);
                return new Plan(local, client.list(), client, dryRun, prune, out, err).run();
            } catch (SyncException e) {
                err.println("trawl scripts sync: " + e.getMessage());
                return ExitCodes.USAGE;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    /** The collection URL: {@code URL/api/v1/scripts}, or URL itself when it already ends so. */
    static URI scriptsUri(String api) {
        String base = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        URI uri;
        try {
            uri = URI.create(base.endsWith(ScriptsApi.PATH) ? base : base + ScriptsApi.PATH);
        } catch (IllegalArgumentException e) {
            throw new SyncException("--api '" + api + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new SyncException("--api '" + api + "' is not an http:// or https:// URL with a host");
        }
        return uri;
    }

    /** One {@code .js} file of the folder. */
    record LocalScript(String name, Path file, String source, String sha256) {

        static List<LocalScript> readAll(Path dir) {
            if (!Files.isDirectory(dir)) {
                throw new SyncException(dir + ": not a folder");
            }
            List<Path> files;
            try (Stream<Path> entries = Files.list(dir)) {
                files = entries.filter(f -> f.getFileName().toString().endsWith(".js") && Files.isRegularFile(f))
                        .sorted().toList();
            } catch (IOException e) {
                throw new SyncException(dir + ": cannot list: " + e.getMessage());
            }
            var problems = new ArrayList<String>();
            var byName = new TreeMap<String, LocalScript>();
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                String name = fileName.substring(0, fileName.length() - ".js".length()).toLowerCase(Locale.ROOT);
                if (!StoredScript.NAME.matcher(name).matches()) {
                    problems.add(file + ": script name '" + name + "' is not valid: use 1 to 64 of a-z, 0-9, "
                            + "'.', '_' and '-', starting with a letter or digit");
                    continue;
                }
                LocalScript other = byName.get(name);
                if (other != null) {
                    problems.add(file + ": script name '" + name + "' is also the name of " + other.file);
                    continue;
                }
                try {
                    byte[] bytes = Files.readAllBytes(file);
                    String source = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes)).toString();
                    byName.put(name, new LocalScript(name, file, source, ScriptVersion.sha256(source)));
                } catch (CharacterCodingException e) {
                    problems.add(file + ": not UTF-8 text");
                } catch (IOException e) {
                    problems.add(file + ": cannot read: " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw new SyncException(String.join(System.lineSeparator() + "trawl scripts sync: ", problems)
                        + System.lineSeparator() + "trawl scripts sync: nothing changed");
            }
            if (byName.isEmpty()) {
                // Pruning with an empty folder would delete every script: almost certainly a wrong path.
                throw new SyncException(dir + ": no .js files; nothing changed");
            }
            return List.copyOf(byName.values());
        }
    }

    /** What the API holds about one script: its name and the SHA-256 of its current source, when it says. */
    record RemoteScript(String name, String sha256) {
    }

    /** Compares the folder with the API, then creates, updates and deletes, one line per script. */
    private record Plan(List<LocalScript> local, Map<String, RemoteScript> remote, ScriptsApi api, boolean dryRun,
                        boolean prune, PrintWriter out, PrintWriter err) {

        int run() {
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            int deleted = 0;
            int failed = 0;
            for (LocalScript script : local) {
                RemoteScript existing = remote.get(script.name());
                try {
                    if (existing == null) {
                        if (!dryRun) {
                            api.create(script);
                        }
                        out.println((dryRun ? "would create " : "created ") + script.name());
                        created++;
                    } else if (script.sha256().equals(remoteSha256(existing))) {
                        out.println("unchanged " + script.name());
                        unchanged++;
                    } else {
                        if (!dryRun) {
                            api.update(script);
                        }
                        out.println((dryRun ? "would update " : "updated ") + script.name());
                        updated++;
                    }
                } catch (ApiException e) {
                    err.println("trawl scripts sync: " + (existing == null ? "create " : "update ") + script.name()
                            + " (" + script.file() + "): " + e.getMessage());
                    failed++;
                }
            }
            var names = local.stream().map(LocalScript::name).toList();
            for (String name : remote.keySet()) {
                if (names.contains(name)) {
                    continue;
                }
                if (!prune) {
                    out.println("kept " + name + " (no file; --no-prune)");
                    continue;
                }
                try {
                    if (!dryRun) {
                        api.delete(name);
                    }
                    out.println((dryRun ? "would delete " : "deleted ") + name);
                    deleted++;
                } catch (ApiException e) {
                    err.println("trawl scripts sync: delete " + name + ": " + e.getMessage());
                    failed++;
                }
            }
            out.printf("%s%d created, %d updated, %d unchanged, %d deleted%s%n", dryRun ? "dry run, nothing changed: " : "",
                    created, updated, unchanged, deleted, failed > 0 ? ", " + failed + " failed" : "");
            return failed > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }

        /** The list may leave the hash out; then the script itself says. */
        private String remoteSha256(RemoteScript script) {
            return script.sha256() != null ? script.sha256() : api.get(script.name()).sha256();
        }
    }

    /**
     * The few calls of {@code /api/v1/scripts} that sync needs, over {@link HttpClient}. Errors come back as
     * RFC 9457 problem details; {@link ApiException} carries them as one readable line.
     */
    static final class ScriptsApi {

        static final String PATH = "/api/v1/scripts";
        private static final JsonMapper JSON = JsonMapper.builder().build();

        private final URI collection;
        private final String token;
        private final Duration timeout;
        private final HttpClient http;
        private final boolean createEnabled;

        ScriptsApi(URI collection, String token, Duration timeout, boolean createEnabled) {
            this.createEnabled = createEnabled;
            this.collection = collection;
            this.token = token == null || token.isBlank() ? null : token.strip();
            this.timeout = timeout;
            this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        }

        /** Every script the API has, by name. Failing here means nothing could be compared: a usage error. */
        Map<String, RemoteScript> list() {
            JsonNode body;
            try {
                body = send("GET", collection, null);
            } catch (ApiException e) {
                throw new SyncException("cannot list the scripts at " + collection + ": " + e.getMessage());
            }
            JsonNode array = body.isArray() ? body : firstArray(body);
            if (array == null) {
                throw new SyncException("cannot list the scripts at " + collection
                        + ": the answer holds no list of scripts");
            }
            var scripts = new TreeMap<String, RemoteScript>();
            for (JsonNode entry : array) {
                RemoteScript script = remote(entry);
                scripts.put(script.name(), script);
            }
            return scripts;
        }

        RemoteScript get(String name) {
            return remote(send("GET", member(name), null));
        }

        void create(LocalScript script) {
            var body = new LinkedHashMap<String, Object>();
            body.put("name", script.name());
            body.put("source", script.source());
            if (!createEnabled) {
                body.put("enabled", false);
            }
            send("POST", collection, body);
        }

        void update(LocalScript script) {
            send("PUT", member(script.name()), Map.of("source", script.source()));
        }

        void delete(String name) {
            send("DELETE", member(name), null);
        }

        private URI member(String name) {
            return URI.create(collection + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        }

        private JsonNode send(String method, URI uri, Object body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/json, application/problem+json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SyncException("cannot reach " + uri + ": " + (e.getMessage() != null ? e.getMessage()
                        : e.getClass().getSimpleName()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("interrupted");
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new SyncException(method + " " + uri + ": " + problem(response)
                        + (token == null ? " (no token: give --token or set TRAWL_TOKEN)" : " (check the token)"));
            }
            if (response.statusCode() / 100 != 2) {
                throw new ApiException(problem(response));
            }
            if (response.body().isBlank()) {
                return JSON.createObjectNode();
            }
            try {
                return JSON.readTree(response.body());
            } catch (JacksonException e) {
                throw new ApiException(response.statusCode() + " with a body that is not JSON: " + excerpt(response.body()));
            }
        }

        private static RemoteScript remote(JsonNode entry) {
            String name = text(entry, "name");
            if (name == null) {
                throw new SyncException("the API answered a script without a name: " + excerpt(entry.toString()));
            }
            String sha = text(entry, "sha256");
            for (String holder : List.of("current", "currentVersion", "latest")) {
                if (sha == null && entry.get(holder) != null) {
                    sha = text(entry.get(holder), "sha256");
                }
            }
            if (sha == null && entry.get("source") != null && entry.get("source").isString()) {
                sha = ScriptVersion.sha256(entry.get("source").asString());
            }
            return new RemoteScript(name, sha);
        }

        private static JsonNode firstArray(JsonNode body) {
            for (String field : List.of("scripts", "items", "content", "data")) {
                JsonNode value = body.get(field);
                if (value != null && value.isArray()) {
                    return value;
                }
            }
            return null;
        }

        /**
         * A problem detail as {@code status title: detail}, or {@code status title (member: value; ...)} when it has
         * no detail; any other body as the status and an excerpt of it. A detail may span lines (a syntax error
         * shows the source line and a caret), and is kept so.
         */
        static String problem(HttpResponse<String> response) {
            String status = response.statusCode() + "";
            JsonNode problem = null;
            try {
                problem = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (JacksonException e) {
                // Not JSON: shown as text below.
            }
            if (problem == null || !problem.isObject()) {
                return status + (response.body().isBlank() ? "" : ": " + excerpt(response.body()));
            }
            var line = new StringBuilder(status);
            String title = text(problem, "title");
            String detail = text(problem, "detail");
            if (title != null) {
                line.append(' ').append(title);
            }
            if (detail != null) {
                line.append(": ").append(detail);
            }
            // The detail says it all when there is one; other members (errors, fields, line, column) repeat it.
            if (detail == null) {
                var extra = new ArrayList<String>();
                for (Map.Entry<String, JsonNode> field : problem.properties()) {
                    if (!List.of("type", "title", "status", "detail", "instance").contains(field.getKey())) {
                        JsonNode value = field.getValue();
                        extra.add(field.getKey() + ": " + (value.isString() ? value.asString() : value.toString()));
                    }
                }
                if (!extra.isEmpty()) {
                    line.append(" (").append(String.join("; ", extra)).append(')');
                }
            }
            return line.toString();
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value != null && value.isValueNode() && !value.isNull() ? value.asString() : null;
        }

        private static String excerpt(String text) {
            String oneLine = text.strip().replaceAll("\\s+", " ");
            return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
        }
    }

    /** The command cannot go on: bad input, or the API cannot be used at all. */
    static final class SyncException extends RuntimeException {
        SyncException(String message) {
            super(message);
        }
    }

    /** The API refused one action; the others still run. */
    static final class ApiException extends RuntimeException {
        ApiException(String message) {
            super(message);
        }
    }
}
