package io.trawl.script.store;

/**
 * Why a write to the script store was refused or did not complete. The subclasses say which case it is, so
 * that the REST API can map each one to its status without parsing messages.
 */
public abstract sealed class ScriptStoreException extends RuntimeException {

    private ScriptStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No script has that name (or it was deleted). */
    public static final class NotFound extends ScriptStoreException {
        private final String name;

        public NotFound(String name) {
            super("no script named '" + name + "'", null);
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    /** A script of that name exists already; create refuses to overwrite it. */
    public static final class AlreadyExists extends ScriptStoreException {
        public AlreadyExists(String name) {
            super("a script named '" + name + "' exists already; update it with PUT, or delete it first", null);
        }
    }

    /** The caller expected another current version (optimistic concurrency): someone else changed it. */
    public static final class VersionConflict extends ScriptStoreException {
        private final int expected;
        private final int actual;

        public VersionConflict(String name, int expected, int actual) {
            super("script '" + name + "' is at version " + actual + ", not the expected version " + expected, null);
            this.expected = expected;
            this.actual = actual;
        }

        public int expected() {
            return expected;
        }

        public int actual() {
            return actual;
        }
    }

    /** The script's record would exceed what the topic accepts, even with only its current version. */
    public static final class TooLarge extends ScriptStoreException {
        public TooLarge(String message) {
            super(message, null);
        }
    }

    /** Kafka did not take the write, or this replica did not read it back, within the write timeout. */
    public static final class Unavailable extends ScriptStoreException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
