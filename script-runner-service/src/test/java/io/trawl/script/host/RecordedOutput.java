package io.trawl.script.host;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Console lines and errors of scripts, kept for assertions; safe to share between worker threads. */
public final class RecordedOutput implements ScriptOutput, ScriptErrorListener {

    /** One console line, with the thread that wrote it. */
    public record Line(String script, Level level, String text, String thread) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<ScriptError> errors = new CopyOnWriteArrayList<>();

    @Override
    public void line(String script, Level level, String text) {
        lines.add(new Line(script, level, text, Thread.currentThread().getName()));
    }

    @Override
    public void error(ScriptError error) {
        errors.add(error);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<String> texts(String script) {
        return lines.stream().filter(line -> line.script().equals(script)).map(Line::text).toList();
    }

    public List<ScriptError> errors() {
        return List.copyOf(errors);
    }
}
