package io.trawl.script.helper;

import java.util.Objects;

/**
 * The two modes of every helper with an effect outside the script: {@link Perform} it (the service) or
 * {@link Record} it as a {@link HelperCall} without performing it (a dry run). There is no third mode.
 */
public sealed interface Effects {

    /** Effects happen. */
    static Effects perform() {
        return new Perform();
    }

    /** Effects are recorded into {@code calls} and do not happen. */
    static Effects record(HelperCalls calls) {
        return new Record(calls);
    }

    /** Helpers perform their effects. */
    record Perform() implements Effects {
    }

    /** Helpers record their calls instead of performing them. */
    record Record(HelperCalls calls) implements Effects {

        public Record {
            Objects.requireNonNull(calls, "calls");
        }
    }
}
