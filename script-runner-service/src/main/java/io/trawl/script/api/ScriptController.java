package io.trawl.script.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.trawl.script.api.ScriptRequests.CreateScriptRequest;
import io.trawl.script.api.ScriptRequests.DisableScriptRequest;
import io.trawl.script.api.ScriptRequests.TestScriptRequest;
import io.trawl.script.api.ScriptRequests.UpdateScriptRequest;
import io.trawl.script.api.ScriptRequests.ValidateScriptRequest;
import io.trawl.script.api.ScriptResponses.ScriptDetails;
import io.trawl.script.api.ScriptResponses.ScriptSummary;
import io.trawl.script.api.ScriptResponses.TestView;
import io.trawl.script.api.ScriptResponses.ValidationView;
import io.trawl.script.api.ScriptResponses.VersionInfo;
import io.trawl.script.api.ScriptResponses.VersionSource;
import io.trawl.script.console.ConsoleLog;
import io.trawl.script.runner.ScriptRunner;
import io.trawl.script.store.KafkaScriptStore;
import io.trawl.script.store.ScriptStoreException;
import io.trawl.script.store.ScriptVersion;
import io.trawl.script.store.StoredScript;
import jakarta.validation.Valid;

/**
 * {@code /api/v1/scripts}: scripts in the {@link KafkaScriptStore}, validated with {@link ScriptDryRuns} before
 * they are stored. The current version number is the script's ETag; {@code If-Match} on PUT makes an update
 * conditional on it.
 */
@RestController
@RequestMapping(path = "/api/v1/scripts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "scripts", description = "Create, read, update, delete, enable, disable, validate and test scripts")
public class ScriptController {

    private final KafkaScriptStore store;
    private final ConsoleLog console;
    private final ScriptDryRuns dryRuns;
    private final ApiSettings settings;
    private final ObjectProvider<ScriptRunner> runner;

    public ScriptController(KafkaScriptStore store, ConsoleLog console, ScriptDryRuns dryRuns, ApiSettings settings,
                            ObjectProvider<ScriptRunner> runner) {
        this.store = store;
        this.console = console;
        this.dryRuns = dryRuns;
        this.settings = settings;
        this.runner = runner;
    }

    @GetMapping
    @Operation(summary = "List scripts", description = "Every script in name order, without sources. Role: viewer.")
    public List<ScriptSummary> list() {
        return store.all().stream()
                .map(s -> ScriptSummary.of(s, hooks(s), console.errors(s.name())))
                .toList();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a script", description = "Validates the source (422 with line and column when it "
            + "does not parse or its top-level code fails), then stores it as version 1. Role: editor.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the script")
    @ApiResponse(responseCode = "409", description = "A script of that name exists")
    @ApiResponse(responseCode = "422", description = "The script is not valid; nothing was stored")
    public ResponseEntity<ScriptDetails> create(@Valid @RequestBody CreateScriptRequest request) {
        checkSourceSize(request.source());
        if (store.get(request.name()).isPresent()) {
            throw new ScriptStoreException.AlreadyExists(request.name());
        }
        requireValid(request.name(), request.source());
        StoredScript created = store.create(request.name(), request.source(),
                request.enabled() == null || request.enabled());
        return ResponseEntity.created(URI.create("/api/v1/scripts/" + created.name()))
                .eTag(etag(created)).body(details(created));
    }

    @GetMapping("/{name}")
    @Operation(summary = "Get a script", description = "With its current source, kept versions and error counts. "
            + "ETag: the current version. Role: viewer.")
    public ResponseEntity<ScriptDetails> get(@PathVariable String name) {
        StoredScript script = find(name);
        return ResponseEntity.ok().eTag(etag(script)).body(details(script));
    }

    @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Update a script", description = "Validates the source, then stores it as a new version "
            + "(the same source as the current one changes nothing). With If-Match: \"<version>\", only when that "
            + "is still the current version (412 otherwise). Role: editor.")
    @ApiResponse(responseCode = "412", description = "If-Match does not name the current version")
    @ApiResponse(responseCode = "422", description = "The script is not valid; nothing was stored")
    public ResponseEntity<ScriptDetails> update(
            @PathVariable String name,
            @Parameter(description = "The version the update is based on, as \"3\" (the ETag of GET)")
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody UpdateScriptRequest request) {
        StoredScript existing = find(name);
        int expected = expectedVersion(name, ifMatch, existing);
        checkSourceSize(request.source());
        requireValid(name, request.source());
        StoredScript updated = store.update(name, request.source(), expected);
        return ResponseEntity.ok().eTag(etag(updated)).body(details(updated));
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a script", description = "With all its versions, on every replica. Role: editor.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        ScriptNames.check(name);
        store.delete(name);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{name}/enable")
    @Operation(summary = "Enable a script", description = "Runners run it again; clears the disabled reason. "
            + "Role: editor.")
    public ScriptSummary enable(@PathVariable String name) {
        ScriptNames.check(name);
        StoredScript script = store.enable(name);
        return ScriptSummary.of(script, hooks(script), console.errors(name));
    }

    @PostMapping("/{name}/disable")
    @Operation(summary = "Disable a script", description = "Runners stop running it; the optional reason is shown "
            + "in the list. Role: editor.")
    public ScriptSummary disable(@PathVariable String name,
                                 @RequestBody(required = false) DisableScriptRequest request) {
        ScriptNames.check(name);
        String reason = request == null || request.reason() == null || request.reason().isBlank()
                ? "disabled through the API" : request.reason().strip();
        if (reason.length() > 1_000) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "reason: at most 1000 characters, was " + reason.length());
        }
        StoredScript script = store.disable(name, reason);
        return ScriptSummary.of(script, hooks(script), console.errors(name));
    }

    @GetMapping("/{name}/versions")
    @Operation(summary = "List a script's kept versions", description = "Oldest first, without sources. Role: viewer.")
    public List<VersionInfo> versions(@PathVariable String name) {
        return find(name).versions().stream().map(VersionInfo::of).toList();
    }

    @GetMapping("/{name}/versions/{version}")
    @Operation(summary = "Get one kept version with its source", description = "Role: viewer.")
    public VersionSource version(@PathVariable String name, @PathVariable int version) {
        StoredScript script = find(name);
        return script.versions().stream().filter(v -> v.version() == version).findFirst()
                .map(v -> VersionSource.of(name, v))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "script '" + name + "' has no version "
                        + version + "; kept versions: " + script.versions().getFirst().version() + " to "
                        + script.current().version()));
    }

    @PostMapping(path = "/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Validate a source", description = "Parses it (errors with line and column) and runs its "
            + "top-level code with helpers recorded; lists the hooks it defines. Stores nothing. Role: viewer.")
    public ValidationView validate(@Valid @RequestBody ValidateScriptRequest request) {
        checkSourceSize(request.source());
        String name = request.name() == null ? "script" : request.name();
        return dryRuns.validate(name, request.source(), ScriptVersion.sha256(request.source()));
    }

    @PostMapping(path = "/test", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Test a script on items", description = "Runs a source, or a stored script by name, on the "
            + "given items in order. Helper calls are recorded and returned, never performed. Stores nothing. "
            + "Role: viewer.")
    public TestView test(@Valid @RequestBody TestScriptRequest request) {
        if (request.items().size() > settings.maxTestItems()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "items: " + request.items().size()
                    + " items, more than trawl.api.max-test-items (" + settings.maxTestItems() + ")");
        }
        String source = request.source();
        String name = request.name();
        if (source == null) {
            if (name == null) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "source or name: give the source to test, or the "
                        + "name of a stored script");
            }
            source = find(name).current().source();
        }
        checkSourceSize(source);
        return dryRuns.test(name == null ? "script" : name, source, request.items(), request.env());
    }

    private StoredScript find(String name) {
        ScriptNames.check(name);
        return store.get(name).orElseThrow(() -> new ScriptStoreException.NotFound(name));
    }

    private void requireValid(String name, String source) {
        ValidationView validation = dryRuns.validate(name, source, ScriptVersion.sha256(source));
        if (!validation.valid()) {
            var first = validation.errors().getFirst();
            String at = first.line() > 0 ? " at line " + first.line() + ", column " + first.column() : "";
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "source: the script is not valid" + at + ": "
                    + first.kind() + ": " + first.message() + "; nothing was stored", validation.errors());
        }
    }

    private void checkSourceSize(String source) {
        long limit = settings.maxSourceBytes().toBytes();
        // Cheap check first: a UTF-8 byte is at most one char, and a char at most 3 bytes.
        if (source != null && (long) source.length() * 3 > limit) {
            int bytes = source.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > limit) {
                throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "source: " + bytes
                        + " bytes, more than trawl.api.max-source-bytes (" + limit + ")");
            }
        }
    }

    private static int expectedVersion(String name, String ifMatch, StoredScript existing) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return 0;
        }
        String tag = ifMatch.strip();
        if (tag.equals("*")) {
            return 0;
        }
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            int version = Integer.parseInt(tag);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // no version of this script has that tag
        }
        throw new ApiException(HttpStatus.PRECONDITION_FAILED, "If-Match: " + ifMatch.strip() + " is not a version "
                + "of script '" + name + "'; send the version number as the ETag gives it, such as \""
                + existing.current().version() + "\"");
    }

    private ScriptDetails details(StoredScript script) {
        return ScriptDetails.of(script, hooks(script), console.errors(script.name()));
    }

    /** The hooks this replica knows: from its validations, else from the runner that loaded the script. */
    private List<String> hooks(StoredScript script) {
        List<String> known = dryRuns.knownHooks(script.current().sha256());
        if (known != null) {
            return known;
        }
        ScriptRunner running = runner.getIfAvailable();
        Set<String> loaded = running == null ? null : running.hooks().get(script.name());
        return loaded == null ? null : List.copyOf(loaded);
    }

    private static String etag(StoredScript script) {
        return "\"" + script.current().version() + "\"";
    }
}
