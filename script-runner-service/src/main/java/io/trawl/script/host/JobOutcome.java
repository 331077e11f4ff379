package io.trawl.script.host;

/**
 * How one run of a job function ended in one context.
 *
 * @param error the error's message as the script's console shows it (secrets masked), or null when it returned
 * @param nanos how long the function ran
 */
public record JobOutcome(String error, long nanos) {

    public static JobOutcome passed(long nanos) {
        return new JobOutcome(null, nanos);
    }

    public static JobOutcome failed(String error, long nanos) {
        return new JobOutcome(error == null ? "unknown error" : error, nanos);
    }

    public boolean passed() {
        return error == null;
    }

    /**
     * The outcome of one run across several contexts: passed when each passed, else the first error; as long as
     * the longest.
     */
    public JobOutcome and(JobOutcome other) {
        long longest = Math.max(nanos, other.nanos);
        return new JobOutcome(error != null ? error : other.error, longest);
    }
}
