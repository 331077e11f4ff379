package io.trawl.script.helper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * What a {@link Helper} knows about the one script context it is installed into: the script's name and version,
 * its {@code env}, the node name, whether effects are performed or recorded, and where in the script the current
 * call comes from (its {@link #origin()}). Built by {@link Helpers} each time a context is (re)built; used on the
 * thread that runs the script.
 */
public final class ScriptScope {

    /** The origin of a call made by the script's top-level code, as it is loaded. */
    public static final String LOAD = "load";

    private final String script;
    private final int version;
    private final String node;
    private final Map<String, String> env;
    private final SecretRedaction references;
    private final Effects effects;
    private final Map<Object, Object> perContext = new HashMap<>();
    private String origin = LOAD;
    // The context's own constructors, taken before the script runs so a script replacing them changes nothing.
    private final Value typeError;
    private final Value error;
    private final Value undefined;

    ScriptScope(String script, int version, String node, Map<String, String> env, SecretRedaction references,
                Effects effects, Value typeError, Value error, Value undefined) {
        this.script = Objects.requireNonNull(script, "script");
        this.version = version;
        this.node = Objects.requireNonNull(node, "node");
        this.env = Objects.requireNonNull(env, "env");
        this.references = Objects.requireNonNull(references, "references");
        this.effects = Objects.requireNonNull(effects, "effects");
        this.typeError = typeError;
        this.error = error;
        this.undefined = undefined;
    }

    /** The script's name. */
    public String script() {
        return script;
    }

    /** The version of the script this context runs; 0 for a source that is not stored (a dry run). */
    public int scriptVersion() {
        return version;
    }

    /**
     * Where the current call comes from: {@value #LOAD} for top-level code, else the hook's name or
     * {@code job:<tag>}, as the host set it before the call.
     */
    public String origin() {
        return origin;
    }

    /** Called by the host before each call into the context. */
    public void origin(String origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * The script's secret env values as {@code ${env:KEY}} references: what a helper applies to everything it
     * publishes, so that no secret leaves the runner in clear text.
     */
    public SecretRedaction secretReferences() {
        return references;
    }

    /** JavaScript's {@code undefined}, for a helper function that returns nothing (Java's null is {@code null}). */
    public Value undefined() {
        return undefined;
    }

    /** Whether effects are recorded (a dry run) rather than performed. */
    public boolean recording() {
        return effects instanceof Effects.Record;
    }

    /**
     * State that several helpers share within this one context (such as a dry run's own action budget), made by
     * {@code create} on first use under {@code key}.
     */
    @SuppressWarnings("unchecked")
    public <T> T perContext(Object key, Supplier<T> create) {
        return (T) perContext.computeIfAbsent(key, k -> create.get());
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
