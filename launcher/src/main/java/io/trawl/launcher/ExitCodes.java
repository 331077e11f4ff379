package io.trawl.launcher;

/** Exit codes of the trawl command. */
final class ExitCodes {
    static final int OK = 0;
    /** The command ran but did not finish its work (a damaged file, unacknowledged packets). */
    static final int FAILED = 1;
    /** The command could not start: bad arguments, a missing file, an unreachable broker. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
