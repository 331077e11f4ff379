package io.trawl.integrations.slack;

import io.trawl.integrations.DeliveryRig;
import io.trawl.integrations.LocalServer.Answer;
import io.trawl.integrations.LocalServer.Request;
import io.trawl.integrations.StoredSnapshots;
import io.trawl.integrations.action.DeliveryHeaders;
import io.trawl.model.action.ActionKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.trawl.integrations.DeliveryRig.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both Slack kinds through the whole delivery path, against a loopback server that implements the Web API methods
 * used ({@code chat.postMessage}, {@code files.getUploadURLExternal}, the upload, {@code
 * files.completeUploadExternal}) and an incoming webhook, checked for the exact requests Slack would get.
 */
class SlackDeliveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TS = "1700000000.000100";
    private static final StoredSnapshots SNAPSHOTS = new StoredSnapshots();
    private static DeliveryRig rig;

    @BeforeAll
    static void start() {
        rig = new DeliveryRig(null, Map.of(), Map.of(), SNAPSHOTS);
    }

    @AfterAll
    static void stop() {
        rig.close();
    }

    @BeforeEach
    void slackAnswers() {
        rig.server.always("/api/chat.postMessage", Answer.json("{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\"" + TS + "\"}"));
        rig.server.always("/api/files.completeUploadExternal", Answer.json("{\"ok\":true,\"files\":[{\"id\":\"F1\"}]}"));
    }

    @Test
    void anIncomingWebhookGetsOneAttachmentWithPretextTextAndColor() throws Exception {
        rig.publish(DeliveryRig.request(ActionKind.SLACK, "webhook-alert", "{\"webhookUrl\":\""
                + rig.server.url("/services/T0/B0/hooksecret") + "\",\"pretext\":\"Trawl alert\","
                + "\"text\":\"HTTP 500 from api:8080\",\"color\":\"#ff0000\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/services/T0/B0/hooksecret").size() == 1);
        Request hook = rig.server.requests("/services/T0/B0/hooksecret").getFirst();
        assertThat(hook.method()).isEqualTo("POST");
        assertThat(hook.header("Content-Type")).startsWith("application/json");
        JsonNode attachments = JSON.readTree(hook.text()).path("attachments");
        assertThat(attachments.size()).isEqualTo(1);
        assertThat(attachments.get(0).path("pretext").asString()).isEqualTo("Trawl alert");
        assertThat(attachments.get(0).path("text").asString()).isEqualTo("HTTP 500 from api:8080");
        assertThat(attachments.get(0).path("color").asString()).isEqualTo("#ff0000");
    }

    @Test
    void aBotMessageIsPostedWithFieldsThenItsFilesAreUploadedIntoItsThread() throws Exception {
        byte[] pcap = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, (byte) 0xff, 0};
        SNAPSHOTS.store("snap-42", pcap, 1); // still being written at the first attempt
        rig.server.queue("/api/files.getUploadURLExternal",
                Answer.json("{\"ok\":true,\"upload_url\":\"" + rig.server.url("/upload/F1") + "\",\"file_id\":\"F1\"}"),
                Answer.json("{\"ok\":true,\"upload_url\":\"" + rig.server.url("/upload/F2") + "\",\"file_id\":\"F2\"}"));
        rig.publish(DeliveryRig.request(ActionKind.SLACK_BOT, "bot-alert", """
                {"token":"xoxb-test-token","channel":"C0FILES","pretext":"Trawl","text":"Basic auth in clear",
                 "color":"warning","fields":[{"title":"client","value":"10.0.0.7","short":true},
                 {"title":"path","value":"/admin","short":false}],
                 "files":[{"name":"request.txt","content":"GET /admin HTTP/1.1"},
                          {"name":"evidence.pcap","snapshot":"snap-42"}]}"""));

        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/api/files.completeUploadExternal")
                .size() == 1);
        List<Request> posts = posts("C0FILES");
        assertThat(posts).hasSize(1); // the missing snapshot retried before anything was posted
        assertThat(SNAPSHOTS.lookups()).isEqualTo(2);
        Request post = posts.getFirst();
        assertThat(post.header("Authorization")).isEqualTo("Bearer xoxb-test-token");
        Map<String, String> form = post.form();
        assertThat(form).containsEntry("channel", "C0FILES");
        JsonNode attachment = JSON.readTree(form.get("attachments")).get(0);
        assertThat(attachment.path("pretext").asString()).isEqualTo("Trawl");
        assertThat(attachment.path("text").asString()).isEqualTo("Basic auth in clear");
        assertThat(attachment.path("color").asString()).isEqualTo("warning");
        JsonNode fields = attachment.path("fields");
        assertThat(fields.size()).isEqualTo(2);
        assertThat(fields.get(0).path("title").asString()).isEqualTo("client");
        assertThat(fields.get(0).path("value").asString()).isEqualTo("10.0.0.7");
        assertThat(fields.get(0).path("short").asBoolean()).isTrue();
        assertThat(fields.get(1).path("title").asString()).isEqualTo("path");
        assertThat(fields.get(1).path("short").asBoolean()).isFalse();

        List<Request> urls = rig.server.requests("/api/files.getUploadURLExternal");
        assertThat(urls).extracting(r -> r.form().get("filename")).containsExactly("request.txt", "evidence.pcap");
        assertThat(urls).extracting(r -> r.form().get("length")).containsExactly("19", Integer.toString(pcap.length));
        assertThat(urls).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer xoxb-test-token"));
        assertThat(rig.server.requests("/upload/F1").getFirst().text()).isEqualTo("GET /admin HTTP/1.1");
        assertThat(rig.server.requests("/upload/F2").getFirst().body()).isEqualTo(pcap);

        Map<String, String> complete = rig.server.requests("/api/files.completeUploadExternal").getFirst().form();
        assertThat(complete).containsEntry("channel_id", "C0FILES").containsEntry("thread_ts", TS);
        JsonNode files = JSON.readTree(complete.get("files"));
        assertThat(files.get(0).path("id").asString()).isEqualTo("F1");
        assertThat(files.get(0).path("title").asString()).isEqualTo("request.txt");
        assertThat(files.get(1).path("id").asString()).isEqualTo("F2");
        assertThat(files.get(1).path("title").asString()).isEqualTo("evidence.pcap");
    }

    private static List<Request> posts(String channel) {
        return rig.server.requests("/api/chat.postMessage").stream()
                .filter(r -> channel.equals(r.form().get("channel"))).toList();
    }

    @Test
    void anUploadFailingAfterThePostIsRetriedIntoTheSameMessage() {
        rig.server.always("/api/files.getUploadURLExternal",
                Answer.json("{\"ok\":true,\"upload_url\":\"" + rig.server.url("/upload/F9") + "\",\"file_id\":\"F9\"}"));
        rig.server.queue("/upload/F9", Answer.of(500, "storage hiccup"));
        rig.publish(DeliveryRig.request(ActionKind.SLACK_BOT, "upload-retry", "{\"token\":\"xoxb-t\","
                + "\"channel\":\"C0UPLOAD\",\"text\":\"with a file\",\"files\":[{\"name\":\"a.txt\",\"content\":\"abc\"}]}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/upload/F9").size() == 2
                && rig.server.requests("/api/files.completeUploadExternal").stream()
                        .anyMatch(r -> "C0UPLOAD".equals(r.form().get("channel_id"))));
        assertThat(posts("C0UPLOAD")).hasSize(1);
        assertThat(rig.server.requests("/upload/F9")).extracting(Request::text).containsExactly("abc", "abc");
    }

    @Test
    void aRateLimitedPostWaitsForRetryAfter() {
        rig.server.queue("/api/chat.postMessage", new Answer(429, "{\"ok\":false,\"error\":\"ratelimited\"}",
                Map.of("Retry-After", "2", "Content-Type", "application/json")));
        rig.publish(DeliveryRig.request(ActionKind.SLACK_BOT, "limited",
                "{\"token\":\"xoxb-t\",\"channel\":\"C0LIMITED\",\"text\":\"slow\"}"));

        await().atMost(Duration.ofSeconds(30)).until(() -> posts("C0LIMITED").size() == 2);
        List<Request> posts = posts("C0LIMITED");
        Duration gap = Duration.ofNanos(posts.get(1).nanos() - posts.get(0).nanos());
        System.out.printf("Slack 429 Retry-After: 2 -> next chat.postMessage after %d ms%n", gap.toMillis());
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anInvalidTokenIsDeadLetteredAtOnce() {
        rig.server.queue("/api/chat.postMessage", Answer.json("{\"ok\":false,\"error\":\"invalid_auth\"}"));
        rig.publish(DeliveryRig.request(ActionKind.SLACK_BOT, "bad-token",
                "{\"token\":\"xoxb-revoked\",\"channel\":\"C0ALERTS\",\"text\":\"never shown\"}"));

        ConsumerRecord<byte[], byte[]> dead = rig.deadLetters("bad-token", 1).getFirst();
        assertThat(header(dead, DeliveryHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(dead, DeliveryHeaders.ERROR_CLASS)).isEqualTo("io.trawl.integrations.action.RejectedActionException");
        assertThat(header(dead, DeliveryHeaders.ERROR_MESSAGE))
                .isEqualTo("slack: chat.postMessage answered ok:false, error invalid_auth");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("\"id\":\"");
    }

    @Test
    void aSlackWebhookUrlOnALinkLocalAddressIsRefused() {
        rig.publish(DeliveryRig.request(ActionKind.SLACK, "slack-ssrf",
                "{\"webhookUrl\":\"http://[fe80::1]:8080/hook\",\"text\":\"x\"}"));

        ConsumerRecord<byte[], byte[]> dead = rig.deadLetters("slack-ssrf", 1).getFirst();
        assertThat(header(dead, DeliveryHeaders.ERROR_MESSAGE)).startsWith("slack: params.webhookUrl: refused to call "
                + "[fe80::1]: it is a link-local address");
    }
}
