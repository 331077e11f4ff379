package io.trawl.script.host;

/**
 * Receives every {@link ScriptError} a host records, on the thread that ran the script. The host never
 * throws a script's failure at its caller; this listener is how it is seen (counted, logged, shown by API).
 */
@FunctionalInterface
public interface ScriptErrorListener {

    void error(ScriptError error);
}
