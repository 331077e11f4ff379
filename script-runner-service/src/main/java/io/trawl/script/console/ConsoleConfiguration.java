package io.trawl.script.console;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.trawl.script.store.ScriptCatalog;

/**
 * The {@link ConsoleLog} bean: where runners send console lines and errors ({@link io.trawl.script.host.ScriptOutput},
 * {@link io.trawl.script.host.ScriptErrorListener}) and what the API shows. A script deleted on any replica is
 * forgotten here too, through the catalog.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration {

    @Bean
    public ConsoleLog consoleLog(ConsoleSettings settings, ScriptCatalog catalog) {
        var log = new ConsoleLog(settings.linesPerScript(), settings.maxLineChars(), Clock.systemUTC());
        catalog.subscribe(change -> {
            if (change.deleted()) {
                log.forget(change.name());
            }
        });
        return log;
    }
}
