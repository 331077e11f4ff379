package io.trawl.script.host;

import java.time.Duration;
import java.util.Optional;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * Runs one guest call under a {@link ScriptBudget} and turns whatever goes wrong into a {@link ScriptError}
 * instead of an exception.
 */
final class GuestCall {

    /** A guest action: evaluating a script or calling one of its hooks. */
    @FunctionalInterface
    interface Action {
        void run(Context context);
    }

    /** The error, and whether the context survived it. */
    record Failure(ScriptError error, boolean contextLost) {
    }

    private final ScriptBudget budget;
    private final ScriptWatchdog watchdog;

    GuestCall(ScriptBudget budget, ScriptWatchdog watchdog) {
        this.budget = budget;
        this.watchdog = watchdog;
    }

    /** A slot for timing the calls into a new context; close it when the context is closed. */
    ScriptWatchdog.Slot watch(Context context) {
        return watchdog.slot(context);
    }

    Optional<Failure> run(ScriptWatchdog.Slot slot, String script, String hook, Action action) {
        return run(slot, script, hook, budget.wallTime(hook), action);
    }

    /** As {@link #run(ScriptWatchdog.Slot, String, String, Action)}, with {@code wallTime} instead of the budget's. */
    Optional<Failure> run(ScriptWatchdog.Slot slot, String script, String hook, Duration wallTime, Action action) {
        Context context = slot.context();
        try {
            context.resetLimits();
        } catch (IllegalStateException e) {
            // The watchdog closed this context after an earlier call and it has not been rebuilt.
            return Optional.of(new Failure(
                    new ScriptError(script, ScriptError.Kind.INTERNAL, hook, "context closed: " + e.getMessage(), 0, 0),
                    true));
        }
        slot.start(wallTime);
        try {
            action.run(context);
            slot.end();
            return Optional.empty();
        } catch (PolyglotException e) {
            boolean expired = slot.end();
            return Optional.of(failure(script, hook, wallTime, e, expired));
        } catch (RuntimeException e) {
            boolean expired = slot.end();
            var kind = expired ? ScriptError.Kind.TIMEOUT : ScriptError.Kind.INTERNAL;
            return Optional.of(new Failure(new ScriptError(script, kind, hook, String.valueOf(e), 0, 0), true));
        }
    }

    private Failure failure(String script, String hook, Duration wallTime, PolyglotException e, boolean expired) {
        boolean lost = e.isCancelled() || e.isResourceExhausted();
        ScriptError.Kind kind;
        String message;
        if (e.isResourceExhausted() && !e.isCancelled()) {
            // The heap, not the statement budget (which cancels the context): rebuilding frees what it held.
            kind = ScriptError.Kind.MEMORY;
            message = "ran out of memory (" + e.getMessage() + "); its context was rebuilt and its globals reset";
        } else if (e.isResourceExhausted()) {
            kind = ScriptError.Kind.STATEMENT_LIMIT;
            message = "ran more than " + budget.statements() + " statements; its context was rebuilt and its "
                    + "globals reset";
        } else if (expired || e.isInterrupted()) {
            kind = ScriptError.Kind.TIMEOUT;
            message = "ran longer than " + wallTime.toMillis() + " ms"
                    + (lost ? "; its context was rebuilt and its globals reset" : "");
        } else if (e.isSyntaxError()) {
            kind = ScriptError.Kind.SYNTAX;
            message = e.getMessage();
        } else if (e.isGuestException()) {
            kind = ScriptError.Kind.THROWN;
            message = e.getMessage();
        } else {
            kind = ScriptError.Kind.INTERNAL;
            message = e.getMessage();
        }
        SourceSection at = location(script, e);
        int line = at == null ? 0 : at.getStartLine();
        int column = at == null || !at.hasColumns() ? 0 : at.getStartColumn();
        return new Failure(new ScriptError(script, kind, hook, message, line, column), lost);
    }

    /** Where in the script's own source it failed: the innermost frame in that source, if any. */
    private static SourceSection location(String script, PolyglotException e) {
        SourceSection direct = e.getSourceLocation();
        if (inScript(direct, script)) {
            return direct;
        }
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && inScript(frame.getSourceLocation(), script)) {
                return frame.getSourceLocation();
            }
        }
        return null;
    }

    private static boolean inScript(SourceSection section, String script) {
        return section != null && section.isAvailable() && script.equals(section.getSource().getName())
                && section.hasLines();
    }

    /** The executable global {@code name} of the context, or null when the script does not define one. */
    static Value function(Context context, String name) {
        Value value = context.getBindings("js").getMember(name);
        return value != null && value.canExecute() ? value : null;
    }
}
