package io.trawl.script.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptErrorListener;
import io.trawl.script.host.ScriptOutput;

/**
 * What scripts wrote with {@code console.log/error}, and their errors, as this replica saw them: per script a
 * ring of the most recent lines, error counters, and live subscribers (the API's SSE streams).
 *
 * <p>Thread-safe, for many worker threads at once. A writer never waits for a reader: a subscriber that does
 * not keep up loses lines, and is told how many. Limits: {@code linesPerScript} lines per script are kept
 * (older ones are dropped), and each line is cut to {@code maxLineChars} characters, so that a script logging
 * huge strings cannot exhaust the heap. Nothing survives a restart, and each replica sees only the lines of
 * the items it ran.
 *
 * <p>An error becomes an {@code ERROR} line that starts with {@link ScriptError#toString()}, and is counted.
 */
public final class ConsoleLog implements ScriptOutput, ScriptErrorListener {

    public static final int DEFAULT_LINES_PER_SCRIPT = 1_000;
    public static final int DEFAULT_MAX_LINE_CHARS = 8_192;

    private final int linesPerScript;
    private final int maxLineChars;
    private final Clock clock;
    private final Map<String, ScriptConsole> consoles = new ConcurrentHashMap<>();

    public ConsoleLog() {
        this(DEFAULT_LINES_PER_SCRIPT, DEFAULT_MAX_LINE_CHARS, Clock.systemUTC());
    }

    public ConsoleLog(int linesPerScript, int maxLineChars, Clock clock) {
        if (linesPerScript < 1) {
            throw new IllegalArgumentException("linesPerScript must be at least 1, was " + linesPerScript);
        }
        if (maxLineChars < 80) {
            throw new IllegalArgumentException("maxLineChars must be at least 80, was " + maxLineChars);
        }
        this.linesPerScript = linesPerScript;
        this.maxLineChars = maxLineChars;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public int linesPerScript() {
        return linesPerScript;
    }

    @Override
    public void line(String script, Level level, String text) {
        console(script).append(clock.instant(), level, cut(String.valueOf(text)));
    }

    @Override
    public void error(ScriptError error) {
        Instant now = clock.instant();
        ScriptConsole console = console(error.script());
        console.count(error, now);
        console.append(now, Level.ERROR, cut(error.toString()));
    }

    /** The script's last {@code limit} lines (at most {@link #linesPerScript()}), oldest first. */
    public List<ConsoleEntry> recent(String script, int limit) {
        ScriptConsole console = consoles.get(script);
        return console == null || limit <= 0 ? List.of() : console.recent(limit);
    }

    /** The script's error counts; all zero when it had none. */
    public ErrorStats errors(String script) {
        ScriptConsole console = consoles.get(script);
        return console == null ? ScriptConsole.none() : console.stats();
    }

    /**
     * A live feed of the script's lines from now on.
     *
     * @param capacity lines buffered for a slow reader before new ones are dropped
     */
    public ConsoleSubscription subscribe(String script, int capacity) {
        return console(script).subscribe(capacity);
    }

    /** Drops the script's lines and counters and ends its live feeds; for a deleted script. */
    public void forget(String script) {
        ScriptConsole console = consoles.remove(script);
        if (console != null) {
            console.closeSubscriptions();
        }
    }

    /** Scripts with lines, errors or subscribers. */
    public Set<String> scripts() {
        return Set.copyOf(consoles.keySet());
    }

    private ScriptConsole console(String script) {
        return consoles.computeIfAbsent(Objects.requireNonNull(script, "script"),
                name -> new ScriptConsole(name, linesPerScript));
    }

    private String cut(String text) {
        if (text.length() <= maxLineChars) {
            return text;
        }
        return text.substring(0, maxLineChars) + " … [" + (text.length() - maxLineChars) + " more characters cut]";
    }

    /** One script's ring, counters and subscribers. */
    private static final class ScriptConsole {
        private static final ScriptError.Kind[] KINDS = ScriptError.Kind.values();

        private final String script;
        private final int capacity;
        private final ArrayDeque<ConsoleEntry> ring;
        private final List<ConsoleSubscription> subscriptions = new CopyOnWriteArrayList<>();
        private final AtomicLongArray byKind = new AtomicLongArray(KINDS.length);
        private long sequence; // guarded by ring
        private volatile LastError last;

        ScriptConsole(String script, int capacity) {
            this.script = script;
            this.capacity = capacity;
            this.ring = new ArrayDeque<>(Math.min(capacity, 64));
        }

        void append(Instant time, Level level, String text) {
            // Fan-out under the same lock as the sequence, so every subscriber sees lines in sequence order;
            // offer() never blocks.
            synchronized (ring) {
                var entry = new ConsoleEntry(++sequence, time, level, text);
                if (ring.size() == capacity) {
                    ring.removeFirst();
                }
                ring.addLast(entry);
                for (ConsoleSubscription subscription : subscriptions) {
                    subscription.offer(entry);
                }
            }
        }

        void count(ScriptError error, Instant time) {
            byKind.incrementAndGet(error.kind().ordinal());
            last = new LastError(error, time);
        }

        List<ConsoleEntry> recent(int limit) {
            synchronized (ring) {
                int skip = Math.max(0, ring.size() - limit);
                List<ConsoleEntry> lines = new ArrayList<>(ring.size() - skip);
                int i = 0;
                for (ConsoleEntry entry : ring) {
                    if (i++ >= skip) {
                        lines.add(entry);
                    }
                }
                return lines;
            }
        }

        ErrorStats stats() {
            Map<ScriptError.Kind, Long> counts = new EnumMap<>(ScriptError.Kind.class);
            long total = 0;
            for (ScriptError.Kind kind : KINDS) {
                long n = byKind.get(kind.ordinal());
                counts.put(kind, n);
                total += n;
            }
            LastError latest = last;
            return new ErrorStats(total, counts, latest == null ? null : latest.error(),
                    latest == null ? null : latest.time());
        }

        static ErrorStats none() {
            Map<ScriptError.Kind, Long> counts = new EnumMap<>(ScriptError.Kind.class);
            for (ScriptError.Kind kind : KINDS) {
                counts.put(kind, 0L);
            }
            return new ErrorStats(0, counts, null, null);
        }

        ConsoleSubscription subscribe(int bufferCapacity) {
            var self = new ConsoleSubscription[1];
            self[0] = new ConsoleSubscription(script, bufferCapacity, () -> subscriptions.remove(self[0]));
            subscriptions.add(self[0]);
            return self[0];
        }

        void closeSubscriptions() {
            subscriptions.forEach(ConsoleSubscription::close);
        }

        private record LastError(ScriptError error, Instant time) {
        }
    }
}
