package io.trawl.script.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import io.trawl.script.store.StoredScript;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import tools.jackson.databind.JsonNode;

/** The request bodies of the scripts API. */
public final class ScriptRequests {

    private ScriptRequests() {
    }

    /** {@code POST /api/v1/scripts}. */
    public record CreateScriptRequest(
            @Schema(description = "The script's id: " + StoredScript.NAME_RULE + ".", example = "slow-dns")
            @NotNull @Pattern(regexp = StoredScript.NAME_REGEX, message = StoredScript.NAME_RULE) String name,
            @Schema(description = "JavaScript source.", example = "function onItemCaptured(data) { console.log(data.id); }")
            @NotBlank String source,
            @Schema(description = "Whether runners run it; default true.") Boolean enabled) {
    }

    /** {@code PUT /api/v1/scripts/{name}}. */
    public record UpdateScriptRequest(
            @Schema(description = "The new source; becomes a new version unless it equals the current one.")
            @NotBlank String source) {
    }

    /** {@code POST /api/v1/scripts/{name}/disable}; the body is optional. */
    public record DisableScriptRequest(
            @Schema(description = "Why it is disabled; shown in the list.", example = "too noisy")
            String reason) {
    }

    /** {@code POST /api/v1/scripts/validate}. */
    public record ValidateScriptRequest(
            @Schema(description = "Name to report errors under; default 'script'.", example = "slow-dns")
            @Pattern(regexp = StoredScript.NAME_REGEX, message = StoredScript.NAME_RULE) String name,
            @NotBlank String source) {
    }

    /** {@code POST /api/v1/scripts/test}: {@code source}, or {@code name} of a stored script. */
    public record TestScriptRequest(
            @Schema(description = "A stored script to test, when no source is given; also the name errors use.")
            @Pattern(regexp = StoredScript.NAME_REGEX, message = StoredScript.NAME_RULE) String name,
            @Schema(description = "JavaScript source to test; wins over name.") String source,
            @Schema(description = "Items as the dissector writes them (item JSON objects), given to "
                    + "onItemCaptured in order.")
            @NotNull List<JsonNode> items,
            @Schema(description = "What `env` holds during the test. The service's own env is never used here.")
            Map<String, String> env) {
    }
}
