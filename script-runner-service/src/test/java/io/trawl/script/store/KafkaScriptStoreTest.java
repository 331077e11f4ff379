package io.trawl.script.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.kafka.embedded.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The store against a real broker: each test on a topic of its own. */
class KafkaScriptStoreTest {

    private static final String SOURCE_1 = "function onItemCaptured(data) { console.log(data.id); }";
    private static final String SOURCE_2 = "function onItemCaptured(data) { console.log('v2', data.id); }";

    private final String topic = "store-" + UUID.randomUUID().toString().substring(0, 8) + ".scripts";
    private final List<KafkaScriptStore> opened = new ArrayList<>();

    private static String bootstrap() {
        return EmbeddedKafkaBroker.shared().bootstrapServers();
    }

    private KafkaScriptStore open(ScriptStoreSettings settings) throws Exception {
        var store = new KafkaScriptStore(bootstrap(), topic, Duration.ofSeconds(15), settings, Clock.systemUTC());
        opened.add(store);
        store.start();
        assertThat(store.awaitReady(Duration.ofSeconds(30))).as("ready").isTrue();
        return store;
    }

    private KafkaScriptStore open() throws Exception {
        return open(ScriptStoreSettings.defaults());
    }

    @AfterEach
    void close() {
        opened.forEach(KafkaScriptStore::close);
    }

    @Test
    void createAndUpdateKeepImmutableVersionsWithTheirSha256() throws Exception {
        KafkaScriptStore store = open();

        StoredScript created = store.create("slow-dns", SOURCE_1, true);
        assertThat(created.current().version()).isEqualTo(1);
        // sha256 of the UTF-8 bytes, as `printf %s "$SOURCE" | sha256sum` gives it
        assertThat(created.current().sha256()).isEqualTo(ScriptVersion.sha256(SOURCE_1)).hasSize(64);
        assertThat(ScriptVersion.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(store.get("slow-dns")).contains(created);

        StoredScript updated = store.update("slow-dns", SOURCE_2);
        assertThat(updated.versions()).extracting(ScriptVersion::version).containsExactly(1, 2);
        assertThat(updated.versions().getFirst()).isEqualTo(created.current());
        assertThat(updated.current().source()).isEqualTo(SOURCE_2);
        assertThat(updated.current().sha256()).isEqualTo(ScriptVersion.sha256(SOURCE_2));
        assertThat(updated.created()).isEqualTo(created.created());

        assertThat(store.update("slow-dns", SOURCE_2)).as("same source: no new version").isEqualTo(updated);
        assertThat(store.update("slow-dns", SOURCE_1, 2).current().version()).isEqualTo(3);
        assertThatThrownBy(() -> store.update("slow-dns", SOURCE_2, 2))
                .isInstanceOf(ScriptStoreException.VersionConflict.class)
                .hasMessageContaining("version 3, not the expected version 2");

        assertThatThrownBy(() -> store.create("slow-dns", SOURCE_1, true))
                .isInstanceOf(ScriptStoreException.AlreadyExists.class);
        assertThatThrownBy(() -> store.update("missing", SOURCE_1))
                .isInstanceOf(ScriptStoreException.NotFound.class);
        assertThatThrownBy(() -> store.create("Bad Name", SOURCE_1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowercase letters");
    }

    @Test
    void disableWithAReasonAndEnableAgain() throws Exception {
        KafkaScriptStore store = open();
        store.create("noisy", SOURCE_1, true);

        StoredScript disabled = store.disable("noisy", "failed 100 times in a row");
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).isEqualTo("failed 100 times in a row");
        assertThat(disabled.current().version()).as("no new version").isEqualTo(1);

        StoredScript enabled = store.enable("noisy");
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.disabledReason()).isNull();
        assertThat(store.get("noisy")).contains(enabled);
    }

    @Test
    void twoReplicasSeeEachOthersWrites() throws Exception {
        KafkaScriptStore a = open();
        KafkaScriptStore b = open();
        List<ScriptChange> seenByB = new CopyOnWriteArrayList<>();
        b.subscribe(seenByB::add);

        a.create("shared", SOURCE_1, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.get("shared").isPresent());

        StoredScript fromB = b.update("shared", SOURCE_2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> a.get("shared").map(s -> s.current().version() == 2).orElse(false));
        assertThat(a.get("shared")).contains(fromB);

        // a write catches up first, so a builds on b's version 2
        assertThat(a.update("shared", SOURCE_1).current().version()).isEqualTo(3);

        a.delete("shared");
        await().atMost(Duration.ofSeconds(5)).until(() -> b.get("shared").isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> seenByB.size() == 4);
        assertThat(seenByB).extracting(c -> c.deleted() ? -1 : c.script().current().version())
                .containsExactly(1, 2, 3, -1);
    }

    @Test
    void deleteWritesATombstone() throws Exception {
        KafkaScriptStore store = open();
        store.create("gone", SOURCE_1, true);

        store.delete("gone");

        assertThat(store.get("gone")).isEmpty();
        assertThat(store.all()).isEmpty();
        var records = TopicReader.readAll(bootstrap(), topic, 2, Duration.ofSeconds(10));
        assertThat(records).hasSize(2);
        assertThat(new String(records.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("gone");
        assertThat(records.get(1).value()).isNull();
        assertThatThrownBy(() -> store.delete("gone")).isInstanceOf(ScriptStoreException.NotFound.class);
    }

    @Test
    void recordsThatAreNotScriptsAreSkippedAndTheReaderGoesOn() throws Exception {
        KafkaScriptStore store = open();
        store.create("kept", SOURCE_1, true);
        byte[] tampered = new String(ScriptRecordCodec.encode(store.get("kept").orElseThrow()), StandardCharsets.UTF_8)
                .replace("console.log(data.id)", "evil()").getBytes(StandardCharsets.UTF_8);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "junk", "{not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, "kept", tampered)).get();
            producer.send(new ProducerRecord<>(topic, "other",
                    ScriptRecordCodec.encode(store.get("kept").orElseThrow()))).get();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> store.skippedRecords() == 3);
        assertThat(store.get("junk")).isEmpty();
        assertThat(store.get("other")).as("key and name differ").isEmpty();
        assertThat(store.get("kept").orElseThrow().current().source()).as("previous state kept").isEqualTo(SOURCE_1);
        assertThat(store.create("after", SOURCE_2, true).current().version()).isEqualTo(1);
        assertThat(store.all()).extracting(StoredScript::name).containsExactly("after", "kept");
    }

    @Test
    void aRestartedStoreRebuildsItsStateFromTheTopic() throws Exception {
        KafkaScriptStore first = open();
        first.create("b-script", SOURCE_1, true);
        first.update("b-script", SOURCE_2);
        first.create("a-script", SOURCE_1, false);
        first.create("deleted", SOURCE_1, true);
        first.delete("deleted");
        first.disable("b-script", "too many errors");
        List<StoredScript> before = List.copyOf(first.all());
        first.close();

        KafkaScriptStore second = open();

        assertThat(second.all()).containsExactlyElementsOf(before);
        assertThat(second.all()).extracting(StoredScript::name).containsExactly("a-script", "b-script");
        assertThat(second.get("b-script").orElseThrow().versions()).hasSize(2);
    }

    @Test
    void aSubscriberGetsTheCurrentStateThenEveryChangeInOrder() throws Exception {
        KafkaScriptStore store = open();
        store.create("one", SOURCE_1, true);
        store.create("two", SOURCE_1, true);
        List<ScriptChange> changes = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();

        store.subscribe(change -> {
            changes.add(change);
            threads.add(Thread.currentThread().getName());
        });
        store.update("one", SOURCE_2);
        store.delete("two");

        await().atMost(Duration.ofSeconds(5)).until(() -> changes.size() == 4);
        assertThat(changes).extracting(ScriptChange::name).containsExactly("one", "two", "one", "two");
        assertThat(changes.get(2).script().current().version()).isEqualTo(2);
        assertThat(changes.get(3).deleted()).isTrue();
        assertThat(threads).containsOnly("trawl-script-store-reader");
    }

    @Test
    void aSubscriberThatWritesIsRefusedAtOnceInsteadOfDeadlocking() throws Exception {
        KafkaScriptStore store = open();
        store.create("watched", SOURCE_1, true);
        List<Throwable> refused = new CopyOnWriteArrayList<>();

        store.subscribe(change -> {
            try {
                store.disable(change.name(), "from a listener");
            } catch (IllegalStateException e) {
                refused.add(e);
            }
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> !refused.isEmpty());
        assertThat(refused.getFirst()).hasMessageContaining("must not write to the store");
        assertThat(store.get("watched").orElseThrow().enabled()).isTrue();
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfVersions() throws Exception {
        KafkaScriptStore store = open(new ScriptStoreSettings(3, DataSize.ofMegabytes(8), Duration.ofSeconds(10),
                Duration.ofSeconds(30)));
        store.create("many", "// 1", true);
        for (int i = 2; i <= 5; i++) {
            store.update("many", "// " + i);
        }
        assertThat(store.get("many").orElseThrow().versions()).extracting(ScriptVersion::version)
                .containsExactly(3, 4, 5);
    }

    @Test
    void dropsOldVersionsToStayUnderTheRecordLimitAndRefusesASourceThatCannotFit() throws Exception {
        KafkaScriptStore store = open(new ScriptStoreSettings(50, DataSize.ofKilobytes(64), Duration.ofSeconds(10),
                Duration.ofSeconds(30)));
        String big = "x".repeat(25_000);
        store.create("big", "//1" + big, true);
        store.update("big", "//2" + big);
        store.update("big", "//3" + big);
        assertThat(store.get("big").orElseThrow().versions()).extracting(ScriptVersion::version)
                .containsExactly(2, 3);

        assertThatThrownBy(() -> store.update("big", "x".repeat(70_000)))
                .isInstanceOf(ScriptStoreException.TooLarge.class)
                .hasMessageContaining("trawl.script-store.max-record-bytes");
        assertThat(store.get("big").orElseThrow().current().version()).isEqualTo(3);
    }

    @Test
    void concurrentUpdatesInOneReplicaAreSerialised() throws Exception {
        KafkaScriptStore store = open();
        store.create("busy", "// 0", true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 4; i++) {
                        store.update("busy", "// " + thread + "." + i);
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        StoredScript busy = store.get("busy").orElseThrow();
        assertThat(busy.current().version()).isEqualTo(25);
        assertThat(busy.versions()).extracting(ScriptVersion::source).doesNotHaveDuplicates().hasSize(25);
    }

    @Test
    void theTopicIsCompactedWithOnePartition() throws Exception {
        open();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            ConfigEntry policy = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG);
            assertThat(policy.value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(1);
        }
    }
}
