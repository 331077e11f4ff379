package io.trawl.script.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.script.console.ConsoleLog;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.Effects;
import io.trawl.script.helper.Helpers;
import io.trawl.script.helper.action.ScriptActions;
import io.trawl.script.helper.metric.ScriptMetrics;
import io.trawl.script.host.ScriptErrorListener;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.host.ScriptOutput;
import io.trawl.kafka.KafkaClientMeters;
import io.trawl.kafka.TopicAdmin;
import io.trawl.model.Topics;
import io.trawl.script.runner.HostFactory;
import io.trawl.script.runner.KafkaActionPublisher;
import io.trawl.script.runner.KafkaJobRegistrar;
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

    /**
     * The Kafka client metrics of the clients this service's beans create (the script store's, the job registrar's);
     * closed after those beans, which depend on it.
     */
    @Bean(destroyMethod = "close")
    public KafkaClientMeters kafkaClientMeters(ObjectProvider<MeterRegistry> registry) {
        return new KafkaClientMeters(registry.getIfAvailable());
    }

    /**
     * Where {@code jobs.schedule} registers: the compacted {@code trawl.jobs}, declared here with
     * {@code trawl.jobs.fired} and {@code trawl.jobs.results} (job-service declares them alike), through an
     * idempotent producer.
     */
    @Bean(destroyMethod = "close")
    public KafkaJobRegistrar jobRegistrar(ScriptRunnerKafkaSettings kafka, KafkaClientMeters clientMeters)
            throws TopicAdmin.KafkaUnavailableException {
        Topics topics = kafka.topics();
        TopicAdmin.ensure(kafka.bootstrapServers(), kafka.connectTimeout(), List.of(
                new NewTopic(topics.jobs(), 1, (short) -1).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(topics.jobsFired(), 3, (short) -1).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis()))),
                new NewTopic(topics.jobsResults(), 3, (short) -1).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis())))));
        // its own client id: the jobs feed's consumer is trawl-script-runner-jobs, and client metrics are per id
        return new KafkaJobRegistrar(clientMeters.bind(idempotentProducer(kafka, "trawl-script-runner-registrar",
                Map.of())), topics);
    }

    /** A producer that writes each record once ({@code enable.idempotence}) and waits for all in-sync replicas. */
    private static KafkaProducer<byte[], byte[]> idempotentProducer(ScriptRunnerKafkaSettings kafka, String clientId,
                                                                   Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.connectTimeout().toMillis()));
        config.putAll(overrides);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Where the {@code vendor} and {@code pcap} helpers publish: {@code trawl.actions} (7 days), declared here
     * (integrations-service declares it alike), through an idempotent producer with {@code acks=all}. The topic's
     * metadata is fetched now and kept while idle: a send never waits for it (see {@link KafkaActionPublisher}).
     */
    @Bean(destroyMethod = "close")
    public KafkaActionPublisher actionPublisher(ScriptRunnerKafkaSettings kafka, MeterRegistry registry,
                                                KafkaClientMeters clientMeters)
            throws TopicAdmin.KafkaUnavailableException, InterruptedException {
        Topics topics = kafka.topics();
        TopicAdmin.ensure(kafka.bootstrapServers(), kafka.connectTimeout(), List.of(
                new NewTopic(topics.actions(), 3, (short) -1).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis())))));
        var publisher = new KafkaActionPublisher(clientMeters.bind(idempotentProducer(kafka,
                "trawl-script-runner-actions", KafkaActionPublisher.PRODUCER_SETTINGS)), topics, registry);
        if (!publisher.awaitMetadata(kafka.connectTimeout())) {
            log.warn("No metadata for {} yet: the first actions will be sent again at the first commit",
                    topics.actions());
        }
        return publisher;
    }

    /** The helpers of the service: effects performed, env from {@code trawl.script.env} and {@code script-env}. */
    @Bean
    public Helpers helpers(ScriptRunnerSettings settings, MeterRegistry registry, ScriptMetrics metrics,
                           KafkaJobRegistrar jobs, KafkaActionPublisher actions) {
        return new Helpers(settings.scriptEnvironment(), settings.resolvedNodeName(), Effects.perform(),
                Helpers.standard(registry, metrics, jobs, new ScriptActions(actions, settings.actionLimits())));
    }

    @Bean
    public ConsoleTap consoleTap() {
        return new ConsoleTap();
    }

    @Bean
    public ScriptRunner scriptRunner(ScriptRunnerSettings settings, ScriptRunnerKafkaSettings kafka,
                                     KafkaScriptStore store, JsRuntime runtime, Helpers helpers, ConsoleLog console,
                                     ConsoleTap tap, KafkaJobRegistrar jobs, KafkaActionPublisher actions,
                                     MeterRegistry registry) {
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
                helpers::forget, jobs::forget, jobs::reported, actions);
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
