package io.trawl.script.service;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.trawl.script.host.ScriptError;
import io.trawl.script.host.ScriptErrorListener;
import io.trawl.script.host.ScriptOutput;

/**
 * Every script's console lines and errors, for whoever attaches here besides the console log: the embedded
 * default prints them as they happen. Lines arrive already masked (env secrets), on worker threads; a listener
 * must be quick and thread-safe. Nothing is attached in a deployed service.
 */
public final class ConsoleTap implements ScriptOutput, ScriptErrorListener {

    /** What a listener receives. */
    public interface Listener extends ScriptOutput, ScriptErrorListener {
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void attach(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void detach(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public void line(String script, Level level, String text) {
        for (Listener listener : listeners) {
            listener.line(script, level, text);
        }
    }

    @Override
    public void error(ScriptError error) {
        for (Listener listener : listeners) {
            listener.error(error);
        }
    }
}
