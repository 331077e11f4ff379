package io.trawl.integrations.action;

import io.trawl.model.action.ActionRequest;

import java.util.function.UnaryOperator;

/**
 * Turns the secret references in a request's parameters into the values they stand for, just before a handler
 * runs. Requests travel and rest (on {@code trawl.actions}, the retry and the dead-letter topics) with the
 * references only.
 */
public interface SecretResolver {

    /**
     * @param action what a handler gets: the request with every reference replaced
     * @param mask   hides the values put in, for any text that leaves the handler (logs, headers, metrics)
     */
    record Resolved(ActionRequest action, UnaryOperator<String> mask) {
    }

    /** @throws InvalidActionException naming the reference when one cannot be resolved */
    Resolved resolve(ActionRequest action) throws InvalidActionException;

    /** Resolves nothing: for services and tests without secrets. */
    SecretResolver NONE = action -> new Resolved(action, UnaryOperator.identity());
}
