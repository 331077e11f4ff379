package io.trawl.integrations.action;

import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;

/**
 * Performs the actions of one kind. Each handler is a Spring bean; the action consumer routes every request to
 * the handler of its kind, retries what throws {@link RetryableActionException}, and dead-letters what throws
 * anything else (or keeps failing).
 */
public interface ActionHandler {

    ActionKind kind();

    /**
     * Performs {@code action}, returning only once it is done (the consumer acknowledges it then).
     *
     * @throws RetryableActionException when a later attempt may succeed (timeouts, 5xx, 429)
     * @throws Exception                when no attempt will (bad parameters, 4xx): the action is dead-lettered
     */
    void handle(ActionRequest action) throws Exception;
}
