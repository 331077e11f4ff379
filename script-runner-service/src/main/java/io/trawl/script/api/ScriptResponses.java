package io.trawl.script.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.trawl.script.console.ConsoleEntry;
import io.trawl.script.console.ErrorStats;
import io.trawl.script.host.ScriptError;
import io.trawl.script.store.ScriptVersion;
import io.trawl.script.store.StoredScript;

/** The response bodies of the scripts API. */
public final class ScriptResponses {

    private ScriptResponses() {
    }

    /**
     * A script in the list.
     *
     * @param hooks      the hooks it defines, when this replica knows them (null otherwise)
     * @param errorCount its errors on this replica since it started
     */
    public record ScriptSummary(String name, boolean enabled, String disabledReason, int version, String sha256,
                                Instant created, Instant updated, List<String> hooks, long errorCount) {

        static ScriptSummary of(StoredScript script, List<String> hooks, ErrorStats errors) {
            ScriptVersion current = script.current();
            return new ScriptSummary(script.name(), script.enabled(), script.disabledReason(), current.version(),
                    current.sha256(), script.created(), script.updated(), hooks, errors.total());
        }
    }

    /** One script with its current source, kept versions and errors. */
    public record ScriptDetails(String name, boolean enabled, String disabledReason, int version, String sha256,
                                Instant created, Instant updated, List<String> hooks, String source,
                                List<VersionInfo> versions, ErrorsView errors) {

        static ScriptDetails of(StoredScript script, List<String> hooks, ErrorStats errors) {
            ScriptVersion current = script.current();
            return new ScriptDetails(script.name(), script.enabled(), script.disabledReason(), current.version(),
                    current.sha256(), script.created(), script.updated(), hooks, current.source(),
                    script.versions().stream().map(VersionInfo::of).toList(), ErrorsView.of(errors));
        }
    }

    /** A kept version without its source. */
    public record VersionInfo(int version, String sha256, Instant created, int bytes) {

        static VersionInfo of(ScriptVersion v) {
            return new VersionInfo(v.version(), v.sha256(), v.created(),
                    v.source().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }

    /** A kept version with its source. */
    public record VersionSource(String name, int version, String sha256, Instant created, String source) {

        static VersionSource of(String name, ScriptVersion v) {
            return new VersionSource(name, v.version(), v.sha256(), v.created(), v.source());
        }
    }

    /** A script's error counts on this replica. */
    public record ErrorsView(long total, Map<ScriptError.Kind, Long> byKind, ErrorView last, Instant lastTime) {

        static ErrorsView of(ErrorStats stats) {
            return new ErrorsView(stats.total(), stats.byKind(), stats.last() == null ? null : ErrorView.of(stats.last()),
                    stats.lastTime());
        }
    }

    /**
     * One error of a script.
     *
     * @param line   1-based, 0 when unknown
     * @param column 1-based, 0 when unknown
     * @param hook   the hook that ran, null for the top-level code
     */
    public record ErrorView(int line, int column, String message, ScriptError.Kind kind, String hook) {

        static ErrorView of(ScriptError e) {
            return new ErrorView(e.line(), e.column(), e.message(), e.kind(), e.hook());
        }
    }

    /** A console line. */
    public record LineView(long sequence, Instant time, String level, String text) {

        static LineView of(ConsoleEntry entry) {
            return new LineView(entry.sequence(), entry.time(), entry.level().name(), entry.text());
        }
    }

    /** {@code GET /{name}/console}. */
    public record ConsoleView(String name, List<LineView> lines, ErrorsView errors) {
    }

    /** {@code POST /validate}. */
    public record ValidationView(boolean valid, List<ErrorView> errors, List<String> hooks) {
    }

    /** A console line of a test run. */
    public record TestLineView(String level, String text) {
    }

    /** A helper call a test run recorded instead of performing it. */
    public record CallView(String helper, List<Object> arguments) {
    }

    /**
     * {@code POST /test}.
     *
     * @param items      how many items reached {@code onItemCaptured}
     * @param durationMs the whole run, loading included
     */
    public record TestView(List<TestLineView> console, List<CallView> calls, List<ErrorView> errors,
                           List<String> hooks, int items, long durationMs) {
    }
}
