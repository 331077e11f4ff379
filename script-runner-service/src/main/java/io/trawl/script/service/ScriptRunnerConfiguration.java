package io.trawl.script.service;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.script.console.ConsoleLog;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.Effects;
import io.trawl.script.helper.Helpers;
import io.trawl.script.helper.metric.ScriptMetrics;
import io.trawl.script.host.ScriptErrorListener;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.host.ScriptOutput;
import io.trawl.script.runner.HostFactory;
import io.trawl.script.runner.RunnerMetrics;
import io.trawl.script.runner.ScriptRunner;
import io.trawl.script.store.KafkaScriptStore;

/**
 * The runner's parts: the one GraalJS engine, the helpers every script gets, and the {@link ScriptRunner} that
 * feeds the store's enabled scripts with items and packets.
 */
@Configuration(proxyBeanMethods = false)
public class ScriptRunnerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ScriptRunnerConfiguration.class);

    @Bean(destroyMethod = "close")
    public JsRuntime jsRuntime() {
        JsRuntime runtime = JsRuntime.start();
        if (runtime.optimized()) {
            log.info("Scripts run on {}", runtime.describe());
        } else {
            log.warn("Scripts run on {}. Hooks run 4-9 times slower; start Trawl with ./trawl or java -jar on "
                    + "JDK 25 to get the optimizing runtime", runtime.describe());
        }
        return runtime;
    }

    @Bean
    public ScriptMetrics scriptMetrics(MeterRegistry registry, ScriptRunnerSettings settings) {
        return new ScriptMetrics(registry, settings.metricLimits());
    }

    /** The helpers of the service: effects performed, env from {@code trawl.script.env} and {@code script-env}. */
    @Bean
    public Helpers helpers(ScriptRunnerSettings settings, MeterRegistry registry, ScriptMetrics metrics) {
        return new Helpers(settings.scriptEnvironment(), settings.resolvedNodeName(), Effects.perform(),
                Helpers.standard(registry, metrics));
    }

    @Bean
    public ConsoleTap consoleTap() {
        return new ConsoleTap();
    }

    @Bean
    public ScriptRunner scriptRunner(ScriptRunnerSettings settings, ScriptRunnerKafkaSettings kafka,
                                     KafkaScriptStore store, JsRuntime runtime, Helpers helpers, ConsoleLog console,
                                     ConsoleTap tap, MeterRegistry registry) {
        ScriptOutput output = (script, level, text) -> {
            console.line(script, level, text);
            tap.line(script, level, text);
        };
        ScriptErrorListener errorSink = error -> {
            console.error(error);
            tap.error(error);
        };
        var metrics = new RunnerMetrics(registry);
        HostFactory hosts = (watchdog, errors) ->
                new ScriptHost(runtime, settings.budget(), watchdog, helpers, output, errors, metrics);
        return new ScriptRunner(settings, kafka, store, hosts, errorSink, store::disable, metrics,
                // The console log forgets a deleted script itself (ConsoleConfiguration); the helpers drop its meters.
                helpers::forget);
    }

    /** {@code scriptRunner} in readiness: down once a feed has failed. */
    @Bean
    public HealthIndicator scriptRunnerHealthIndicator(ScriptRunner runner) {
        return () -> {
            Exception failure = runner.failure();
            Health.Builder health = failure == null && runner.isRunning() ? Health.up() : Health.down();
            if (failure != null) {
                health.withDetail("error", String.valueOf(failure.getMessage()));
            }
            return health.withDetail("scripts", runner.hooks().size())
                    .withDetail("readingPackets", runner.readingPackets()).build();
        };
    }
}
