package io.trawl.script.dryrun;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.trawl.script.host.ScriptError;

/**
 * Whether a script would be accepted by a runner: it parses and its top-level code runs within budget.
 *
 * @param valid  true when there are no errors
 * @param errors a syntax error (with line and column), or what the top-level code threw or overran
 * @param hooks  the hooks it defines, in {@code ScriptHost.HOOKS} order; empty when it is not valid
 */
public record ScriptValidation(boolean valid, List<ScriptError> errors, Set<String> hooks) {

    public ScriptValidation {
        errors = List.copyOf(errors);
        hooks = Collections.unmodifiableSet(new LinkedHashSet<>(hooks));
        if (valid != errors.isEmpty()) {
            throw new IllegalArgumentException("valid must be true exactly when there are no errors");
        }
    }
}
