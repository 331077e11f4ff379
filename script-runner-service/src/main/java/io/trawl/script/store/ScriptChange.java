package io.trawl.script.store;

import java.util.Objects;

/**
 * A change to one script as read from {@code trawl.scripts}.
 *
 * @param name   the script's name
 * @param script its new state, or null when it was deleted
 */
public record ScriptChange(String name, StoredScript script) {

    public ScriptChange {
        Objects.requireNonNull(name, "name");
    }

    public boolean deleted() {
        return script == null;
    }
}
