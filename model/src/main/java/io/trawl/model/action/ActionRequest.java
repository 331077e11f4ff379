package io.trawl.model.action;

import java.util.Objects;

/**
 * One side effect a script asked for, published by the runner to {@code trawl.actions} (key: the script's name)
 * for integrations-service to perform. A hook never waits for it.
 *
 * @param id            unique per request; integrations-service uses it to deliver a redelivered record once
 * @param kind          what to do
 * @param script        the script that asked
 * @param scriptVersion its version at the time
 * @param origin        where in the script: the hook's name, {@code job:<tag>}, {@code load} for the script's
 *                      top-level code, or {@code api} for a request made through a REST API
 * @param node          the runner replica's node name
 * @param createdTime   when the helper was called, ms since the epoch
 * @param throttleKey   requests of one script with the same key within the throttle window become one message
 *                      with a count; {@code null} lets integrations-service derive it from kind and target
 * @param params        the kind's parameters as compact JSON object text (see {@link ActionKind})
 */
public record ActionRequest(String id, ActionKind kind, String script, int scriptVersion, String origin,
                            String node, long createdTime, String throttleKey, String params) {

    public ActionRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(params, "params");
        if (id.isBlank()) {
            throw new IllegalArgumentException("action id must not be blank");
        }
    }
}
