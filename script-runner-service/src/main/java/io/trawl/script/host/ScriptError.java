package io.trawl.script.host;

/**
 * Why a script failed to load or why one of its hook calls failed. {@code line} and {@code column} are
 * 1-based and point into the script's source; both are 0 when the engine gave no location (for a timeout
 * or an exhausted statement budget it usually gives none).
 *
 * @param script  the script's name
 * @param kind    what went wrong
 * @param hook    the hook that was running, or {@code null} while the script's top-level code was evaluated
 * @param message the engine's message, such as {@code "TypeError: Cannot read property 'x' of undefined"}
 */
public record ScriptError(String script, Kind kind, String hook, String message, int line, int column) {

    /** What went wrong. */
    public enum Kind {
        /** The source does not parse; the script is refused. */
        SYNTAX,
        /** The script threw, including a {@code RangeError} from recursion that went too deep. */
        THROWN,
        /** The call ran longer than the wall-time budget and was interrupted. */
        TIMEOUT,
        /** The call ran more statements than the budget; the script's context was rebuilt. */
        STATEMENT_LIMIT,
        /**
         * The call exhausted the JVM's heap, which scripts share with the runner; the script's context was
         * rebuilt, releasing what its globals held.
         */
        MEMORY,
        /** The engine failed in a way not caused by the script's code (a bug or a host error). */
        INTERNAL
    }

    /** {@code name:line:column: message}, or without the position when there is none. */
    @Override
    public String toString() {
        String where = line > 0 ? script + ":" + line + ":" + column : script;
        return where + (hook == null ? "" : " in " + hook) + ": " + kind + ": " + message;
    }
}
