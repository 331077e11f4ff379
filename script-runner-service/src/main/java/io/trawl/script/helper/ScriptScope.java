package io.trawl.script.helper;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * What a {@link Helper} knows about the one script context it is installed into: the script's name, its
 * {@code env}, the node name, and whether effects are performed or recorded. Built by {@link Helpers} each time
 * a context is (re)built; used on the thread that runs the script.
 */
public final class ScriptScope {

    private final String script;
    private final String node;
    private final Map<String, String> env;
    private final Effects effects;
    // The context's own constructors, taken before the script runs so a script replacing them changes nothing.
    private final Value typeError;
    private final Value error;

    ScriptScope(String script, String node, Map<String, String> env, Effects effects, Value typeError,
                Value error) {
        this.script = Objects.requireNonNull(script, "script");
        this.node = Objects.requireNonNull(node, "node");
        this.env = Objects.requireNonNull(env, "env");
        this.effects = Objects.requireNonNull(effects, "effects");
        this.typeError = typeError;
        this.error = error;
    }

    /** The script's name. */
    public String script() {
        return script;
    }

    /** The name of the node (runner replica) the script runs on, as {@code utils.nodeName()} returns it. */
    public String node() {
        return node;
    }

    /** The script's environment: global values with the script's own overrides applied. */
    public Map<String, String> env() {
        return env;
    }

    /**
     * The one way a helper has an effect: in the service {@code perform} runs; in a dry run it does not, and
     * the call is recorded as a {@link HelperCall} of {@code helper} with {@code arguments} (plain values).
     * Validate arguments before calling this, so that a dry run refuses what the service would refuse.
     */
    public void effect(String helper, List<Object> arguments, Runnable perform) {
        switch (effects) {
            case Effects.Perform ignored -> perform.run();
            case Effects.Record record -> record.calls().record(new HelperCall(script, helper, arguments));
        }
    }

    /**
     * A guest function for the helper {@code helper} (its full name, such as {@code "prometheus.metric"}): a
     * {@link HelperException} thrown by {@code body} becomes a JavaScript {@code TypeError} or {@code Error}
     * whose message is {@code "<helper>: <message>"}, thrown in the calling script where it can be caught.
     */
    public ProxyExecutable function(String helper, ProxyExecutable body) {
        Objects.requireNonNull(helper, "helper");
        Objects.requireNonNull(body, "body");
        return arguments -> {
            try {
                return body.execute(arguments);
            } catch (HelperException e) {
                throw (e.typeError() ? typeError : error).newInstance(helper + ": " + e.getMessage())
                        .throwException();
            }
        };
    }
}
