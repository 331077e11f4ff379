package io.trawl.integrations.action;

import io.trawl.model.action.ActionKind;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The handler of each action kind, from the handler beans of the service. Two handlers for one kind fail the
 * start; a kind without a handler is refused per request (dead-lettered), since this replica may simply not be
 * configured for it.
 */
public final class ActionRouter {

    private final Map<ActionKind, ActionHandler> handlers = new EnumMap<>(ActionKind.class);

    public ActionRouter(Collection<? extends ActionHandler> handlers) {
        for (ActionHandler handler : handlers) {
            ActionHandler before = this.handlers.putIfAbsent(handler.kind(), handler);
            if (before != null) {
                throw new IllegalStateException("two handlers for action kind '" + handler.kind().wireName() + "': "
                        + before.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
    }

    /** @throws InvalidActionException naming the kinds this service handles, when none handles {@code kind} */
    public ActionHandler handlerFor(ActionKind kind) throws InvalidActionException {
        ActionHandler handler = handlers.get(kind);
        if (handler == null) {
            throw new InvalidActionException("no handler for action kind '" + kind.wireName()
                    + "' in this integrations-service; it handles: " + handled());
        }
        return handler;
    }

    /** The kinds handled, comma-separated, or {@code nothing}. */
    public String handled() {
        return handlers.isEmpty() ? "nothing" : handlers.keySet().stream().map(ActionKind::wireName)
                .collect(Collectors.joining(", "));
    }
}
