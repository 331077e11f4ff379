package io.trawl.script.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.trawl.kafka.TopicAdmin;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.kafka.embedded.TopicReader;
import io.trawl.model.job.JobFired;
import io.trawl.model.job.JobJson;
import io.trawl.model.job.JobResult;
import io.trawl.model.Topics;
import io.trawl.model.item.Endpoint;
import io.trawl.model.item.Item;
import io.trawl.model.item.ItemJson;
import io.trawl.model.item.Protocol;
import io.trawl.model.packet.PacketRecord;
import io.trawl.model.packet.PacketRecordCodec;
import io.trawl.script.packet.PacketInfoTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two runner replicas, each a whole Spring Boot application, on one real broker: a script created through one
 * replica's API runs on both, an update reaches both without a restart, a script failing repeatedly is disabled
 * for both with the reason in the API, and {@code trawl.packets} is read only while a script wants packets.
 */
class TwoRunnersTest {

    private static final String PREFIX = "runners-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final Topics TOPICS = new Topics(PREFIX);
    private static final String EDITOR = "editor-token-for-two-runners";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static Producer<byte[], byte[]> producer;

    @BeforeAll
    static void start() throws Exception {
        String bootstrap = EmbeddedKafkaBroker.shared().bootstrapServers();
        TopicAdmin.ensure(bootstrap, Duration.ofSeconds(30), List.of(
                new NewTopic(TOPICS.items(), 4, (short) 1), new NewTopic(TOPICS.packets(), 2, (short) 1)));
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 0),
                new ByteArraySerializer(), new ByteArraySerializer());
        first = runner(bootstrap, "node-1");
        second = runner(bootstrap, "node-2");
    }

    private static ConfigurableApplicationContext runner(String bootstrap, String node) {
        // As command-line arguments: they win over the service's own defaults, as a user's would.
        return new SpringApplicationBuilder(ScriptRunnerApplication.class).run(
                "--server.port=0",
                "--trawl.kafka.bootstrap-servers=" + bootstrap,
                "--trawl.kafka.topic-prefix=" + PREFIX,
                "--trawl.api.editor-tokens=" + EDITOR,
                "--trawl.script.node-name=" + node,
                "--trawl.script.workers=2",
                "--trawl.script.disable-after-errors=5",
                "--trawl.script.error-window=1m");
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    @Test
    void aScriptAndItsUpdatesReachBothReplicasWhichShareTheItems() throws Exception {
        api(first, "POST", "/api/v1/scripts", Map.of("name", "tagger", "source",
                "function onItemCaptured(d) { console.log('v1 ' + utils.nodeName() + ' ' + d.id); }"), 201);
        awaitLoaded("tagger", 1);

        // Both replicas run the script once the group has split the four partitions between them; until the
        // second replica has joined, the first may own them all. Every item published reaches the hook.
        List<String> firstIds = new ArrayList<>();
        var batches = new int[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            firstIds.addAll(publishItems("a" + batches[0]++, 20));
            return nodesLogged("tagger", "v1").size() == 2;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(idsLogged("tagger", "v1")).containsAll(firstIds));
        assertThat(nodesLogged("tagger", "v1")).containsExactlyInAnyOrder("node-1", "node-2");

        long updated = System.nanoTime();
        api(second, "PUT", "/api/v1/scripts/tagger", Map.of("source",
                "function onItemCaptured(d) { console.log('v2 ' + utils.nodeName() + ' ' + d.id); }"), 200);
        awaitLoaded("tagger", 2);
        System.out.printf("update visible in both replicas' catalogs after %d ms%n",
                Duration.ofNanos(System.nanoTime() - updated).toMillis());

        List<String> laterIds = publishItems("b", 40);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(idsLogged("tagger", "v2")).containsAll(laterIds));
        assertThat(idsLogged("tagger", "v1")).doesNotContainAnyElementsOf(laterIds);
        assertThat(nodesLogged("tagger", "v2")).containsExactlyInAnyOrder("node-1", "node-2");
    }

    @Test
    void aScriptThatKeepsFailingIsDisabledForEveryReplicaWithTheReason() throws Exception {
        api(first, "POST", "/api/v1/scripts", Map.of("name", "thrower", "source",
                "function onItemCaptured(d) {\n  throw new Error('cannot handle ' + d.protocol.name);\n}"), 201);
        awaitLoaded("thrower", 1);

        publishItems("c", 40);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (ConfigurableApplicationContext replica : List.of(first, second)) {
                JsonNode script = api(replica, "GET", "/api/v1/scripts/thrower", null, 200);
                assertThat(script.path("enabled").asBoolean(true)).isFalse();
                assertThat(script.path("disabledReason").asString())
                        .startsWith("failed 5 hook calls within 1m; last: thrower:2:")
                        .contains("Error: cannot handle http");
            }
        });
    }

    @Test
    void packetsAreReadOnlyWhileAnEnabledScriptWantsThem() throws Exception {
        assertThat(readingPackets(first) || readingPackets(second)).isFalse();

        api(first, "POST", "/api/v1/scripts", Map.of("name", "packets", "source",
                "function onPacketCaptured(info) { console.log(info.protocol + ' ' + info.src.ip + ' '"
                        + " + info.length); }"), 201);
        await().atMost(Duration.ofSeconds(30)).until(() -> readingPackets(first) && readingPackets(second));

        // The subscriptions start at the end of the topic: publish until the hook sees packets, then count.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            publishPacket(1_000);
            return !consoleTexts("packets").isEmpty();
        });
        for (int i = 0; i < 10; i++) {
            publishPacket(2_000);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(consoleTexts("packets")).filteredOn("udp 10.1.2.3 2000"::equals).hasSize(10));

        api(second, "POST", "/api/v1/scripts/packets/disable", Map.of(), 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> !readingPackets(first) && !readingPackets(second));
    }

    @Test
    void aFiredJobRunsOnOneReplicaInEveryWorkerThenItsOutcomeHookAndDeletingTheScriptRemovesTheJob()
            throws Exception {
        api(first, "POST", "/api/v1/scripts", Map.of("name", "reporter", "source", """
                var seen = 0;
                function report(label) { console.log("report " + label + " on " + utils.nodeName()); }
                function broken() { throw new Error("no report today"); }
                jobs.schedule("report", "*/10 * * * * *", report, 0, "hourly");
                jobs.schedule("broken", "0 * * * * *", broken, 5);
                function onJobPassed(tag, cron, limit) { console.log("passed " + tag + " " + cron + " " + limit); }
                function onJobFailed(tag, cron, limit, err) { console.log("failed " + tag + " " + limit + " " + err); }
                """), 201);
        awaitLoaded("reporter", 1);
        // Registered on the compacted topic for job-service, once per key however many contexts scheduled it.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jobRegistrations())
                .containsEntry("reporter/report", "*/10 * * * * *").containsEntry("reporter/broken", "0 * * * * *"));

        // What job-service publishes for a tick: one replica's group member gets it; both its workers run it.
        long now = System.currentTimeMillis();
        producer.send(new ProducerRecord<>(TOPICS.jobsFired(), "reporter/report".getBytes(StandardCharsets.UTF_8),
                JobJson.encode(new JobFired("reporter", "report", now, now, 1, false))));
        producer.send(new ProducerRecord<>(TOPICS.jobsFired(), "reporter/broken".getBytes(StandardCharsets.UTF_8),
                JobJson.encode(new JobFired("reporter", "broken", now, now, 1, false))));
        producer.flush();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> lines = consoleTexts("reporter");
            assertThat(lines).filteredOn(line -> line.startsWith("report hourly on ")).hasSize(2)
                    .extracting(line -> line.substring(line.lastIndexOf(' ') + 1)).containsOnly(
                            lines.stream().filter(l -> l.startsWith("report hourly on ")).findFirst().orElseThrow()
                                    .substring("report hourly on ".length()));
            assertThat(lines).filteredOn("passed report */10 * * * * * 0"::equals).hasSize(2);
            assertThat(lines).filteredOn("failed broken 5 Error: no report today"::equals).hasSize(2);
        });
        // One result per fire event for job-service's history, whatever the number of workers that ran it.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, JobResult> results = new HashMap<>();
            for (var record : TopicReader.readAll(EmbeddedKafkaBroker.shared().bootstrapServers(),
                    TOPICS.jobsResults(), Integer.MAX_VALUE, Duration.ofSeconds(2))) {
                JobResult result = JobJson.decodeResult(record.value());
                assertThat(results.put(result.key(), result)).as("one result per fire").isNull();
            }
            assertThat(results).containsOnlyKeys("reporter/report", "reporter/broken");
            assertThat(results.get("reporter/report")).satisfies(r -> {
                assertThat(r.passed()).isTrue();
                assertThat(r.run()).isEqualTo(1);
                assertThat(r.scheduledTime()).isEqualTo(now);
                assertThat(r.startedTime()).isGreaterThanOrEqualTo(now);
            });
            assertThat(results.get("reporter/broken").error()).isEqualTo("Error: no report today");
        });

        api(second, "DELETE", "/api/v1/scripts/reporter", null, 204);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jobRegistrations())
                .doesNotContainKeys("reporter/report", "reporter/broken"));
    }

    /** The latest registration of every job key on trawl.jobs, tombstones removing. */
    private static Map<String, String> jobRegistrations() {
        Map<String, String> jobs = new HashMap<>();
        for (var record : TopicReader.readAll(EmbeddedKafkaBroker.shared().bootstrapServers(), TOPICS.jobs(),
                Integer.MAX_VALUE, Duration.ofSeconds(2))) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                jobs.remove(key);
            } else {
                jobs.put(key, JobJson.decodeRegistration(record.value()).cron());
            }
        }
        return jobs;
    }

    private static boolean readingPackets(ConfigurableApplicationContext replica) {
        return replica.getBean(io.trawl.script.runner.ScriptRunner.class).readingPackets();
    }

    private static void publishPacket(int length) {
        byte[] frame = PacketInfoTest.udpFrame();
        var packet = new PacketRecord(System.currentTimeMillis() * 1_000_000L, 1, length, frame, "n", "eth0");
        producer.send(new ProducerRecord<>(TOPICS.packets(), ("flow-" + length).getBytes(StandardCharsets.UTF_8),
                PacketRecordCodec.encode(packet)));
        producer.flush();
    }

    private static void awaitLoaded(String name, int version) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (ConfigurableApplicationContext replica : List.of(first, second)) {
                assertThat(api(replica, "GET", "/api/v1/scripts/" + name, null, 200).path("version").asInt())
                        .isEqualTo(version);
            }
        });
    }

    private static List<String> publishItems(String batch, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = batch + "-" + i;
            var item = new Item(id, 0, "tcp-" + i, "capture-node", Protocol.http("1.1"),
                    Endpoint.of("10.0.0.1", 40_000 + i), Endpoint.of("10.0.0.2", 80), 1_700_000_000_000L,
                    "2023-11-14T22:13:20Z", Map.of("method", "GET", "path", "/"), Map.of("status", 200), 10, 20, 5,
                    null);
            producer.send(new ProducerRecord<>(TOPICS.items(), ("flow-" + batch + i).getBytes(StandardCharsets.UTF_8),
                    ItemJson.toBytes(item)));
            ids.add(id);
        }
        producer.flush();
        return ids;
    }

    /** The console lines of a script on both replicas. */
    private static List<String> consoleTexts(String name) throws Exception {
        List<String> texts = new ArrayList<>();
        for (ConfigurableApplicationContext replica : List.of(first, second)) {
            for (JsonNode line : api(replica, "GET", "/api/v1/scripts/" + name + "/console?limit=1000", null, 200)
                    .path("lines")) {
                texts.add(line.path("text").asString());
            }
        }
        return texts;
    }

    private static Set<String> idsLogged(String name, String version) throws Exception {
        Set<String> ids = new HashSet<>();
        for (String text : consoleTexts(name)) {
            String[] words = text.split(" ");
            if (words.length == 3 && words[0].equals(version)) {
                ids.add(words[2]);
            }
        }
        return ids;
    }

    private static Set<String> nodesLogged(String name, String version) throws Exception {
        Set<String> nodes = new HashSet<>();
        for (String text : consoleTexts(name)) {
            String[] words = text.split(" ");
            if (words.length == 3 && words[0].equals(version)) {
                nodes.add(words[1]);
            }
        }
        return nodes;
    }

    private static JsonNode api(ConfigurableApplicationContext replica, String method, String path, Object body,
                                int expectedStatus) throws Exception {
        int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + EDITOR)
                .timeout(Duration.ofSeconds(20));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
