package io.trawl.script.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trawl.kafka.TopicAdmin;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.kafka.embedded.TopicReader;
import io.trawl.model.Topics;
import io.trawl.model.action.ActionJson;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import io.trawl.script.engine.JsRuntime;
import io.trawl.script.helper.Effects;
import io.trawl.script.helper.Helpers;
import io.trawl.script.helper.action.ScriptActions;
import io.trawl.script.helper.metric.ScriptMetricLimits;
import io.trawl.script.helper.metric.ScriptMetrics;
import io.trawl.script.helper.job.JobRegistrar;
import io.trawl.script.host.RecordedOutput;
import io.trawl.script.host.ScriptHost;
import io.trawl.script.service.ScriptRunnerKafkaSettings;
import io.trawl.script.service.ScriptRunnerSettings;
import io.trawl.script.store.ScriptCatalog;
import io.trawl.script.store.ScriptChange;
import io.trawl.script.store.ScriptVersion;
import io.trawl.script.store.StoredScript;

/**
 * A script calling {@code pcap.snapshot} and {@code vendor.webhook} from {@code onItemCaptured}, run by the real
 * {@link ScriptRunner} on a real broker: every call is one record on {@code trawl.actions} with the request's exact
 * fields, and a batch of items is committed only once the actions it caused are on the topic. The action producer
 * lingers 5 s here, so an offset committed without waiting for the acknowledgements would be seen seconds before
 * its actions.
 */
class ActionDeliveryTest {

    private static final String PREFIX = "actions-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final Topics TOPICS = new Topics(PREFIX);
    private static final String GROUP = "runner-" + PREFIX;
    private static final String TOKEN = "alert-token-4f9a1c7e";
    private static final long ITEM_TIME = 1_795_843_009_713L;
    private static final String SCRIPT = """
            function onItemCaptured(data) {
              var id = pcap.snapshot({from: data.timestamp - 30000, to: data.timestamp, reason: "5xx " + data.request.path});
              vendor.webhook("POST", "https://alerts.example.test/hook", {item: data.id, snapshot: id},
                  {Authorization: "Bearer " + env.ALERT_TOKEN});
            }
            """;

    private static String bootstrap;
    private static JsRuntime runtime;
    private static Producer<byte[], byte[]> items;

    @BeforeAll
    static void start() throws Exception {
        bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        TopicAdmin.ensure(bootstrap, Duration.ofSeconds(30), List.of(new NewTopic(TOPICS.items(), 2, (short) 1),
                new NewTopic(TOPICS.actions(), 3, (short) 1), new NewTopic(TOPICS.jobsFired(), 1, (short) 1)));
        items = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
        runtime = JsRuntime.start();
    }

    @AfterAll
    static void stop() {
        if (items != null) {
            items.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void everyCallIsOneActionOnTheTopicBeforeTheItemsAreCommittedAndARestartLosesNone() throws Exception {
        var output = new RecordedOutput();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Runner first = new Runner(output);
            publishItems(0, 6);
            await().atMost(Duration.ofSeconds(60)).until(() -> committed(admin) == 6);
            // Committed means acknowledged: both actions of every committed item are on the topic already.
            assertThat(actionsOnTopic(admin)).isEqualTo(12);
            first.stop();

            Runner second = new Runner(output);
            publishItems(6, 4);
            await().atMost(Duration.ofSeconds(60)).until(() -> committed(admin) == 10);
            assertThat(actionsOnTopic(admin)).isEqualTo(20);
            second.stop();
        }
        assertThat(output.errors()).isEmpty();

        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(bootstrap, TOPICS.actions(), 20,
                Duration.ofSeconds(30));
        assertThat(records).hasSize(20).allSatisfy(record -> {
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("burst");
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(TOKEN);
        });
        List<ActionRequest> actions = records.stream().map(record -> ActionJson.decode(record.value())).toList();
        assertThat(actions).extracting(ActionRequest::id).doesNotHaveDuplicates();
        assertThat(actions).allSatisfy(action -> {
            assertThat(action.script()).isEqualTo("burst");
            assertThat(action.scriptVersion()).isEqualTo(3);
            assertThat(action.origin()).isEqualTo("onItemCaptured");
            assertThat(action.node()).isEqualTo("node-a");
            assertThat(action.throttleKey()).isNull();
            assertThat(Instant.ofEpochMilli(action.createdTime())).isBetween(Instant.now().minusSeconds(120),
                    Instant.now());
        });

        // Each webhook names the snapshot its call made, whose window is the item's last 30 s.
        Map<String, String> snapshots = new HashMap<>();
        actions.stream().filter(action -> action.kind() == ActionKind.PCAP_SNAPSHOT).forEach(action ->
                snapshots.put(action.params().substring(13, action.params().indexOf('"', 13)), action.params()));
        Map<String, String> snapshotOfItem = new HashMap<>();
        Pattern webhook = Pattern.compile("\\{\"method\":\"POST\",\"url\":\"https://alerts.example.test/hook\","
                + "\"body\":\"\\{\\\\\"item\\\\\":\\\\\"(item-\\d+)\\\\\",\\\\\"snapshot\\\\\":\\\\\"([^\\\\]+)\\\\\"}\","
                + "\"headers\":\\{\"Authorization\":\"Bearer \\$\\{env:ALERT_TOKEN}\","
                + "\"Content-Type\":\"application/json\"}}");
        for (ActionRequest action : actions.stream().filter(a -> a.kind() != ActionKind.PCAP_SNAPSHOT).toList()) {
            assertThat(action.kind()).isEqualTo(ActionKind.WEBHOOK);
            Matcher matcher = webhook.matcher(action.params());
            assertThat(matcher.matches()).as(action.params()).isTrue();
            String item = matcher.group(1);
            String snapshot = matcher.group(2);
            assertThat(snapshot).matches("burst-\\d{8}T\\d{6}Z-[0-9a-f]{12}");
            int n = Integer.parseInt(item.substring("item-".length()));
            assertThat(snapshots.get(snapshot)).isEqualTo("{\"snapshot\":\"" + snapshot + "\",\"from\":"
                    + (ITEM_TIME + n - 30_000) + ",\"to\":" + (ITEM_TIME + n) + ",\"reason\":\"5xx /api/p" + n + "\"}");
            snapshotOfItem.put(item, snapshot);
        }
        assertThat(snapshots).hasSize(10);
        assertThat(snapshotOfItem).hasSize(10);
        assertThat(snapshotOfItem.values()).doesNotHaveDuplicates();
    }

    private static void publishItems(int from, int count) throws Exception {
        for (int n = from; n < from + count; n++) {
            String item = "{\"id\":\"item-" + n + "\",\"timestamp\":" + (ITEM_TIME + n)
                    + ",\"protocol\":{\"name\":\"http\"},\"request\":{\"method\":\"GET\",\"path\":\"/api/p" + n
                    + "\"},\"response\":{\"status\":500}}";
            items.send(new ProducerRecord<>(TOPICS.items(), ("flow-" + n).getBytes(StandardCharsets.UTF_8),
                    item.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static long committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP + "-items")
                .partitionsToOffsetAndMetadata().get();
        return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    private static long actionsOnTopic(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            latest.put(new TopicPartition(TOPICS.actions(), p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    /** A runner replica: the real ScriptRunner, its helpers publishing through a producer that lingers 5 s. */
    private static final class Runner {
        private final ScriptRunner runner;
        private final KafkaActionPublisher actions;

        Runner(RecordedOutput output) throws InterruptedException {
            ScriptRunnerSettings settings = new ScriptRunnerSettings(2, 64, 1_000_000, Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(10), "node-a", Map.of("ALERT_TOKEN", TOKEN), Map.of(),
                    0, Duration.ofMinutes(1), 100, null, 1000, 100, 600, Duration.ofMinutes(10),
                    DataSize.ofKilobytes(512));
            var registry = new SimpleMeterRegistry();
            Map<String, Object> config = new HashMap<>(KafkaActionPublisher.PRODUCER_SETTINGS);
            config.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 5_000));
            actions = new KafkaActionPublisher(new KafkaProducer<>(config, new ByteArraySerializer(),
                    new ByteArraySerializer()), TOPICS, registry);
            assertThat(actions.awaitMetadata(Duration.ofSeconds(30))).isTrue();
            var helpers = new Helpers(settings.scriptEnvironment(), settings.resolvedNodeName(), Effects.perform(),
                    Helpers.standard(registry, new ScriptMetrics(registry, ScriptMetricLimits.defaults()),
                            JobRegistrar.NONE, new ScriptActions(actions, settings.actionLimits())));
            var metrics = new RunnerMetrics(registry);
            runner = new ScriptRunner(settings,
                    new ScriptRunnerKafkaSettings(bootstrap, PREFIX, GROUP, Duration.ofSeconds(30)),
                    new OneScript(StoredScript.requireValidName("burst"), 3, SCRIPT),
                    (watchdog, errors) -> new ScriptHost(runtime, settings.budget(), watchdog, helpers, output, errors,
                            metrics),
                    output, (script, reason) -> { }, metrics, script -> { }, script -> { }, result -> { }, actions);
            runner.start();
        }

        void stop() {
            runner.stop();
            actions.close();
        }
    }

    /** A catalog that holds one enabled script. */
    private record OneScript(String name, int version, String source) implements ScriptCatalog {

        private StoredScript script() {
            Instant now = Instant.now();
            var versions = new ArrayList<ScriptVersion>();
            versions.add(ScriptVersion.of(version, source, now));
            return new StoredScript(name, true, null, versions, now, now);
        }

        @Override
        public Collection<StoredScript> all() {
            return List.of(script());
        }

        @Override
        public Optional<StoredScript> get(String name) {
            return this.name.equals(name) ? Optional.of(script()) : Optional.empty();
        }

        @Override
        public void subscribe(Consumer<ScriptChange> listener) {
            listener.accept(new ScriptChange(name, script()));
        }
    }
}
