package io.trawl.script.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A script as the compacted {@code trawl.scripts} topic holds it: the value of the record whose key is
 * {@link #name()}. The name is the script's id: lowercase letters, digits, '.', '_' and '-', starting with a
 * letter or digit, at most 64 characters, so that it is safe in a URL, a topic key and a metric tag.
 *
 * @param name           the script's id
 * @param enabled        whether runners run it
 * @param disabledReason why it was disabled, when a runner disabled it for failing repeatedly (null otherwise)
 * @param versions       every kept version, oldest first; the last is the current one
 * @param created        when the script was created
 * @param updated        when the script last changed (source, enabled state)
 */
public record StoredScript(String name, boolean enabled, String disabledReason, List<ScriptVersion> versions,
                           Instant created, Instant updated) {

    /** {@link #NAME} as a string, for annotations. */
    public static final String NAME_REGEX = "[a-z0-9][a-z0-9._-]{0,63}";
    public static final Pattern NAME = Pattern.compile(NAME_REGEX);

    /** What a valid name looks like, for messages. */
    public static final String NAME_RULE = "use 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with "
            + "a letter or digit";

    public StoredScript {
        requireValidName(name);
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("script '" + name + "' has no version");
        }
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    /**
     * Checks a script name against {@link #NAME}.
     *
     * @throws IllegalArgumentException naming the rule when it does not match
     */
    public static String requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("script name '" + name + "' is not valid: " + NAME_RULE);
        }
        return name;
    }

    /** The version runners run. */
    public ScriptVersion current() {
        return versions.getLast();
    }
}
