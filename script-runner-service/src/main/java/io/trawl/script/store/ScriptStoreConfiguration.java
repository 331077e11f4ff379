package io.trawl.script.store;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.kafka.KafkaClientMeters;
import io.trawl.kafka.TopicAdmin;
import io.trawl.script.service.ScriptRunnerKafkaSettings;

/**
 * The {@link KafkaScriptStore} bean (also this service's {@link ScriptCatalog}), its health and its meters.
 * Start-up waits up to {@code trawl.script-store.ready-timeout} for the store to read the whole topic; an
 * unreachable cluster fails the start.
 */
@Configuration(proxyBeanMethods = false)
public class ScriptStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ScriptStoreConfiguration.class);

    @Bean(destroyMethod = "close")
    public KafkaScriptStore scriptStore(ScriptRunnerKafkaSettings kafka, ScriptStoreSettings settings,
                                        ObjectProvider<MeterRegistry> registry, KafkaClientMeters clientMeters)
            throws TopicAdmin.KafkaUnavailableException, InterruptedException {
        var store = new KafkaScriptStore(kafka.bootstrapServers(), kafka.topics().scripts(), kafka.connectTimeout(),
                settings, Clock.systemUTC());
        registry.ifAvailable(meters -> {
            Gauge.builder("trawl.script.store.scripts", store, s -> s.all().size())
                    .description("Scripts in the store, as this replica has read them").register(meters);
            FunctionCounter.builder("trawl.script.store.records.skipped", store, KafkaScriptStore::skippedRecords)
                    .description("Records of the scripts topic that were not valid scripts and were skipped")
                    .register(meters);
        });
        store.start(clientMeters);
        if (!store.awaitReady(settings.readyTimeout())) {
            log.warn("The script store has not read all of {} within {} s; serving what it has, not ready yet",
                    kafka.topics().scripts(), settings.readyTimeout().toSeconds());
        }
        return store;
    }

    /** {@code scriptStore} in {@code /actuator/health}: up once the store has read the topic it found at start. */
    @Bean
    public HealthIndicator scriptStoreHealthIndicator(KafkaScriptStore store) {
        return () -> (store.ready() ? Health.up() : Health.outOfService().withDetail("reason",
                "still reading the scripts topic")).withDetail("scripts", store.all().size()).build();
    }
}
