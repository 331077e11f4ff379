package io.trawl.script.runner;

import io.trawl.script.host.ScriptErrorListener;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.host.ScriptWatchdog;

/** Makes the host of one worker thread, with the helpers of this service, reporting to {@code errors}. */
@FunctionalInterface
public interface HostFactory {

    ScriptHost create(ScriptWatchdog watchdog, ScriptErrorListener errors);
}
