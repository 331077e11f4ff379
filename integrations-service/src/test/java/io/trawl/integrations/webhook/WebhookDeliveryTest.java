package io.trawl.integrations.webhook;

import io.trawl.integrations.DeliveryRig;
import io.trawl.integrations.LocalServer.Answer;
import io.trawl.integrations.LocalServer.Request;
import io.trawl.integrations.action.DeliveryHeaders;
import io.trawl.model.action.ActionJson;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.trawl.integrations.DeliveryRig.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook calls through the whole delivery path: {@code trawl.actions} on a real broker, the retry topic, the
 * dead-letter topic, and a real HTTP receiver on loopback. Retries wait 100 ms, then 200 ms; 3 attempts in all.
 */
class WebhookDeliveryTest {

    private static DeliveryRig rig;

    @BeforeAll
    static void start() {
        rig = new DeliveryRig();
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    private static ActionRequest call(String script, String path, String body) {
        return DeliveryRig.request(ActionKind.WEBHOOK, script, "{\"method\":\"POST\",\"url\":\"" + rig.server.url(path)
                + "\",\"body\":" + quote(body) + ",\"headers\":{\"X-Alert\":\"" + script + "\"}}");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void aTargetFailingTwiceGetsTheRequestExactlyOnceOnTheThirdAttempt() {
        rig.server.queue("/hook/flaky", Answer.of(503, "busy"), Answer.of(503, "busy"));
        rig.publish(call("flaky", "/hook/flaky", "{\"alert\":\"disk full\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/hook/flaky").size() == 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> rig.server.requests("/hook/flaky").size() == 3);
        List<Request> attempts = rig.server.requests("/hook/flaky");
        assertThat(attempts).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.text()).isEqualTo("{\"alert\":\"disk full\"}");
            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            assertThat(r.header("X-Alert")).isEqualTo("flaky");
        });
        // Backoff: at least 100 ms before the second attempt, 200 ms before the third.
        assertThat(Duration.ofNanos(attempts.get(1).nanos() - attempts.get(0).nanos())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.ofNanos(attempts.get(2).nanos() - attempts.get(1).nanos())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        await().atMost(Duration.ofSeconds(5)).until(() -> rig.deliveries("webhook", "delivered") >= 1);
        assertThat(rig.count("trawl.integrations.retries", "channel", "webhook")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aScriptsRequestsArriveOnceEachInTheOrderPublished() {
        List<ActionRequest> burst = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            burst.add(call("ordered", "/hook/ordered", "{\"seq\":" + i + "}"));
        }
        long start = System.nanoTime();
        rig.publishAll(burst);

        await().atMost(Duration.ofSeconds(60)).until(() -> rig.server.requests("/hook/ordered").size() == 300);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("300 webhook requests of one script delivered in %.2f s (%.0f/s, one consumer thread)%n",
                seconds, 300 / seconds);
        assertThat(rig.server.requests("/hook/ordered")).extracting(Request::text).containsExactlyElementsOf(
                IntStream.range(0, 300).mapToObj(i -> "{\"seq\":" + i + "}").toList());
    }

    @Test
    void aTargetThatAlwaysFailsGetsItsRequestsDeadLetteredWithTheirHistoryAndNoneIsLost() {
        rig.server.always("/hook/down", Answer.of(500, "broken"));
        List<ActionRequest> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ActionRequest request = call("lossless", i % 2 == 0 ? "/hook/down" : "/hook/up", "{\"n\":" + i + "}");
            sent.add(request);
            rig.publish(request);
        }

        List<ConsumerRecord<byte[], byte[]>> dead = rig.deadLetters("lossless", 4);
        await().atMost(Duration.ofSeconds(10)).until(() -> rig.server.requests("/hook/up").size() == 3);
        // Every request in is either delivered or dead-lettered, and none both.
        assertThat(dead).hasSize(4);
        assertThat(rig.server.requests("/hook/up")).extracting(Request::text)
                .containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":3}", "{\"n\":5}");
        assertThat(rig.server.requests("/hook/down")).hasSize(4 * DeliveryRig.ATTEMPTS);
        Set<String> deadIds = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : dead) {
            ActionRequest request = ActionJson.decode(record.value());
            deadIds.add(request.id());
            assertThat(sent).contains(request);
            assertThat(header(record, DeliveryHeaders.ATTEMPTS)).isEqualTo("3");
            assertThat(header(record, DeliveryHeaders.ERROR_CLASS))
                    .isEqualTo("io.trawl.integrations.action.RetryableActionException");
            assertThat(header(record, DeliveryHeaders.ERROR_MESSAGE)).isEqualTo("gave up after 3 attempts: webhook: POST "
                    + rig.server.url("/hook/down") + " answered 500: broken");
            assertThat(Instant.parse(header(record, DeliveryHeaders.FIRST_FAILURE)))
                    .isBefore(Instant.now()).isAfter(Instant.now().minusSeconds(60));
            assertThat(header(record, DeliveryHeaders.SOURCE)).matches(rig.topics.actions().replace(".", "\\.")
                    + "/[01]@\\d+");
        }
        assertThat(deadIds).hasSize(4);
    }

    @Test
    void aRequestWaitingForItsRetryOutlivesARestart() {
        rig.server.queue("/hook/restart", new Answer(429, "deploying", Map.of("Retry-After", "3")));
        double retriedBefore = rig.deliveries("webhook", "retried");
        rig.publish(call("restart", "/hook/restart", "{\"survives\":true}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> rig.deliveries("webhook", "retried") > retriedBefore);

        rig.restart(); // while the retry waits on trawl.actions.retry

        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/hook/restart").size() == 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> rig.server.requests("/hook/restart").size() == 2);
        assertThat(rig.server.requests("/hook/restart")).extracting(Request::text)
                .containsOnly("{\"survives\":true}");
    }

    @Test
    void aClientErrorIsDeadLetteredAfterOneAttempt() {
        rig.server.always("/hook/gone", Answer.of(404, "no such hook"));
        rig.publish(call("gone", "/hook/gone", "{}"));

        ConsumerRecord<byte[], byte[]> dead = rig.deadLetters("gone", 1).getFirst();
        assertThat(header(dead, DeliveryHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(dead, DeliveryHeaders.ERROR_CLASS)).isEqualTo("io.trawl.integrations.action.RejectedActionException");
        assertThat(header(dead, DeliveryHeaders.ERROR_MESSAGE)).endsWith("answered 404: no such hook");
        assertThat(rig.server.requests("/hook/gone")).hasSize(1);
    }

    @Test
    void retryAfterIsWaitedEvenWhenTheBackoffIsShorter() {
        rig.server.queue("/hook/limited", new Answer(429, "slow down", Map.of("Retry-After", "2")));
        rig.publish(call("limited", "/hook/limited", "{}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/hook/limited").size() == 2);
        List<Request> attempts = rig.server.requests("/hook/limited");
        Duration gap = Duration.ofNanos(attempts.get(1).nanos() - attempts.get(0).nanos());
        System.out.printf("Retry-After: 2 -> next attempt after %d ms (backoff alone: 100 ms)%n", gap.toMillis());
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aWaitingRetryDoesNotHoldUpTheRequestsBehindIt() {
        rig.server.queue("/hook/slow-lane", new Answer(429, "later", Map.of("Retry-After", "3")));
        rig.publish(call("lanes", "/hook/slow-lane", "{\"first\":true}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/hook/slow-lane").size() == 1);
        long published = System.nanoTime();
        rig.publish(call("lanes", "/hook/fast-lane", "{\"second\":true}")); // same script, same partition

        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/hook/slow-lane").size() == 2);
        Request next = rig.server.requests("/hook/fast-lane").getFirst();
        Request retried = rig.server.requests("/hook/slow-lane").get(1);
        System.out.printf("behind a retry waiting 3 s, the next request was delivered %d ms after publishing%n",
                Duration.ofNanos(next.nanos() - published).toMillis());
        assertThat(next.nanos()).isLessThan(retried.nanos());
    }

    @Test
    void theCloudMetadataAddressIsRefusedWithoutACall() {
        rig.publish(DeliveryRig.request(ActionKind.WEBHOOK, "ssrf",
                "{\"url\":\"http://169.254.169.254/latest/meta-data/iam/security-credentials/\",\"body\":\"{}\"}"));

        ConsumerRecord<byte[], byte[]> dead = rig.deadLetters("ssrf", 1).getFirst();
        assertThat(header(dead, DeliveryHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(dead, DeliveryHeaders.ERROR_CLASS)).isEqualTo("io.trawl.integrations.action.InvalidActionException");
        assertThat(header(dead, DeliveryHeaders.ERROR_MESSAGE)).isEqualTo("webhook: params.url: refused to call "
                + "169.254.169.254: it is a cloud metadata address (169.254.169.254); set "
                + "trawl.integrations.webhooks.allow-link-local=true to allow it");
    }

    @Test
    void aRecordThatIsNotAnActionRequestIsDeadLetteredWithTheDecodingError() {
        rig.publish("poison", "{\"id\":\"x\",\"kind\":\"telegram\"}".getBytes(StandardCharsets.UTF_8));

        ConsumerRecord<byte[], byte[]> dead = rig.deadLetters("poison", 1).getFirst();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"x\",\"kind\":\"telegram\"}");
        assertThat(header(dead, DeliveryHeaders.ERROR_CLASS)).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(header(dead, DeliveryHeaders.ERROR_MESSAGE)).isEqualTo("action request: field 'kind': unknown "
                + "action kind 'telegram'; known: slack, slackBot, webhook, s3.put, pcap.snapshot");
        await().atMost(Duration.ofSeconds(5)).until(() -> rig.deliveries("unknown", "dead_lettered") >= 1);
    }

    @Test
    void aKindThisServiceDoesNotHandleIsDeadLetteredNamingIt() {
        rig.publish(DeliveryRig.request(ActionKind.S3_PUT, "evidence", "{\"bucket\":\"b\",\"key\":\"k\"}"));

        ConsumerRecord<byte[], byte[]> dead = rig.deadLetters("evidence", 1).getFirst();
        assertThat(header(dead, DeliveryHeaders.ERROR_MESSAGE)).isEqualTo("no handler for action kind 's3.put' in this "
                + "integrations-service; it handles: slack, slackBot, webhook");
    }

    @Test
    void aRequestReadTwiceIsDeliveredOnce() {
        ActionRequest request = call("twice", "/hook/twice", "{\"once\":true}");
        rig.publish(request);
        rig.publish(request);

        await().atMost(Duration.ofSeconds(20)).until(() -> rig.count("trawl.integrations.duplicates",
                "channel", "webhook") >= 1);
        assertThat(rig.server.requests("/hook/twice")).hasSize(1);
    }
}
