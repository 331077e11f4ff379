package io.trawl.script.host;

import java.util.Map;
import java.util.StringJoiner;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * The {@code console} object a script sees: {@code log} and {@code error}, which join their arguments with
 * spaces into one line for {@link ScriptOutput}, as Kubeshark and browsers do. It is a proxy of executables,
 * not a host object, so it exposes no Java methods.
 *
 * <p>Formatting, kept simple: strings as they are; numbers, booleans, {@code null} and {@code undefined} as
 * JavaScript prints them ({@code 1}, {@code 1.5}, {@code true}); objects and arrays as compact JSON through
 * the engine's own {@code JSON.stringify} (taken before the script runs, so a script replacing {@code JSON}
 * does not change it); anything JSON cannot show as the engine's {@code toString}: a function as its
 * source, a cyclic object as {@code {self: (this)}}.
 * No {@code %s} substitution.
 */
final class ConsoleBinding {

    private ConsoleBinding() {
    }

    /** Installs {@code console} as a global of {@code context}, writing lines as {@code script}. */
    static void install(Context context, String script, ScriptOutput output) {
        Value bindings = context.getBindings("js");
        Value stringify = bindings.getMember("JSON").getMember("stringify");
        ProxyExecutable log = args -> write(output, script, ScriptOutput.Level.LOG, stringify, args);
        ProxyExecutable error = args -> write(output, script, ScriptOutput.Level.ERROR, stringify, args);
        bindings.putMember("console", ProxyObject.fromMap(Map.of("log", log, "error", error)));
    }

    private static Object write(ScriptOutput output, String script, ScriptOutput.Level level, Value stringify,
                                Value[] args) {
        var line = new StringJoiner(" ");
        for (Value arg : args) {
            line.add(format(arg, stringify));
        }
        output.line(script, level, line.toString());
        return null;
    }

    static String format(Value value, Value stringify) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.hasMembers() && !value.canExecute()) {
            try {
                Value json = stringify.execute(value);
                if (json.isString()) {
                    return json.asString();
                }
            } catch (PolyglotException e) {
                if (e.isInterrupted() || e.isCancelled() || e.isResourceExhausted()) {
                    throw e;
                }
                // A cycle or a throwing toJSON: fall through to the engine's own rendering.
            }
        }
        return value.toString();
    }
}
