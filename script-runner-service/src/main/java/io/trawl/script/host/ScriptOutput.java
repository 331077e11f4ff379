package io.trawl.script.host;

/**
 * Where scripts' {@code console.log} and {@code console.error} lines go, each with the name of the script
 * that wrote it. Called on the worker thread that runs the script; implementations must be thread-safe
 * when they are shared by several workers, and must not block for long.
 */
@FunctionalInterface
public interface ScriptOutput {

    /** The console method a line came from. */
    enum Level { LOG, ERROR }

    void line(String script, Level level, String text);
}
