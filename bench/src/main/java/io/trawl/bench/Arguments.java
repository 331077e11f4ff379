package io.trawl.bench;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * A harness's command line, read option by option: every harness names its options itself, and this class gives
 * them the same checks and the same messages ({@code --runs needs a value}, {@code --runs must be at least 3},
 * {@code unknown option --x (try --help)}) and the same exit codes.
 */
public final class Arguments {

    private final String[] args;
    private int next;

    public Arguments(String[] args) {
        this.args = args;
    }

    /**
     * Parses {@code args} with {@code parse}; on bad input prints {@code harness: problem} on standard error and
     * exits with status 2, as a command-line tool does.
     */
    public static <T> T parseOrExit(String harness, String[] args, Function<String[], T> parse) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            System.err.println(harness + ": " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }

    /** Prints the usage line on standard output and exits with status 0 (for {@code -h} and {@code --help}). */
    public static void printUsageAndExit(String usage) {
        System.out.println(usage);
        System.exit(0);
    }

    /** The error for an option that no harness case matched. */
    public static IllegalArgumentException unknown(String option) {
        return new IllegalArgumentException("unknown option " + option + " (try --help)");
    }

    public boolean hasNext() {
        return next < args.length;
    }

    /** The next option name. */
    public String option() {
        return args[next++];
    }

    /** The value that follows {@code option}. */
    public String value(String option) {
        if (next >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[next++];
    }

    public Path path(String option) {
        return Path.of(value(option));
    }

    public int integer(String option) {
        return Integer.parseInt(value(option));
    }

    public double decimal(String option) {
        return Double.parseDouble(value(option));
    }

    /** A whole number of at least {@code min}. */
    public int atLeast(int min, String option) {
        int n = integer(option);
        if (n < min) {
            throw new IllegalArgumentException(option + " must be at least " + min);
        }
        return n;
    }
}
