package io.trawl.integrations.secret;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Meter;
import io.trawl.integrations.DeliveryRig;
import io.trawl.integrations.LocalServer.Answer;
import io.trawl.integrations.action.DeliveryHeaders;
import io.trawl.model.action.ActionKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.trawl.integrations.DeliveryRig.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secret references resolved at delivery from the runner's env settings, and the values kept out of everything
 * else: every log line (at debug, this service's, the Slack SDK's and its HTTP client's), every header of the
 * retry and dead-letter topics, every meter.
 */
class SecretDeliveryTest {

    private static final String TOKEN = "s3cr3t-hook-token-value";
    private static final String OVERRIDE = "per-script-override-token";
    private static final String SLACK_TOKEN = "xoxb-secret-bot-token";
    private static final List<String> SECRETS = List.of(TOKEN, OVERRIDE, SLACK_TOKEN);
    private static final List<String> DEBUG = List.of("io.trawl", "com.slack.api", "okhttp3");
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
    private static DeliveryRig rig;

    @BeforeAll
    static void start() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LOG.start();
        root.addAppender(LOG);
        DEBUG.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.DEBUG));
        rig = new DeliveryRig(null, Map.of("HOOK_TOKEN", TOKEN, "SLACK_TOKEN", SLACK_TOKEN),
                Map.of("overridden", Map.of("HOOK_TOKEN", OVERRIDE)), null);
    }

    @AfterAll
    static void stop() {
        rig.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
        DEBUG.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).setLevel(null));
    }

    private static String webhook(String path, String authorization) {
        return "{\"url\":\"" + rig.server.url(path) + "\",\"body\":\"{}\",\"headers\":{\"Authorization\":\""
                + authorization + "\"}}";
    }

    @Test
    void referencesAreResolvedFromTheScriptsEnvAndItsOwnOverrides() {
        rig.publish(DeliveryRig.request(ActionKind.WEBHOOK, "global", webhook("/hook/global", "Bearer ${env:HOOK_TOKEN}")));
        rig.publish(DeliveryRig.request(ActionKind.WEBHOOK, "overridden",
                webhook("/hook/own", "Bearer ${env:HOOK_TOKEN}")));

        await().atMost(Duration.ofSeconds(30)).until(() -> rig.server.requests("/hook/global").size() == 1
                && rig.server.requests("/hook/own").size() == 1);
        assertThat(rig.server.requests("/hook/global").getFirst().header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(rig.server.requests("/hook/own").getFirst().header("Authorization")).isEqualTo("Bearer " + OVERRIDE);
    }

    @Test
    void anUnknownReferenceIsDeadLetteredNamingTheKey() {
        rig.publish(DeliveryRig.request(ActionKind.WEBHOOK, "unknown-ref", webhook("/hook/never", "${env:NO_SUCH_KEY}")));

        ConsumerRecord<byte[], byte[]> dead = rig.deadLetters("unknown-ref", 1).getFirst();
        assertThat(header(dead, DeliveryHeaders.ERROR_MESSAGE)).isEqualTo("secret reference ${env:NO_SUCH_KEY} of "
                + "script 'unknown-ref' is not configured here: set trawl.script.env.NO_SUCH_KEY or "
                + "trawl.script.script-env.unknown-ref.NO_SUCH_KEY for integrations-service");
        assertThat(rig.server.requests("/hook/never")).isEmpty();
    }

    @Test
    void secretValuesAppearInNoLogLineHeaderOrMeter() {
        rig.server.always("/hook/" + TOKEN, Answer.of(503, "try later"));
        rig.server.always("/hook/rejected", Answer.of(401, "bad token " + TOKEN));
        rig.publish(DeliveryRig.request(ActionKind.WEBHOOK, "leaky", webhook("/hook/${env:HOOK_TOKEN}", "x")));
        rig.publish(DeliveryRig.request(ActionKind.WEBHOOK, "leaky", webhook("/hook/rejected",
                "Bearer ${env:HOOK_TOKEN}")));
        rig.server.queue("/api/chat.postMessage", Answer.json("{\"ok\":false,\"error\":\"invalid_auth\"}"));
        rig.publish(DeliveryRig.request(ActionKind.SLACK_BOT, "leaky",
                "{\"token\":\"${env:SLACK_TOKEN}\",\"channel\":\"C1\",\"text\":\"t\"}"));

        List<ConsumerRecord<byte[], byte[]>> dead = rig.deadLetters("leaky", 3);
        assertThat(rig.server.requests("/hook/" + TOKEN)).hasSize(DeliveryRig.ATTEMPTS); // the real URL was called
        assertThat(rig.server.requests("/api/chat.postMessage").getLast().header("Authorization"))
                .isEqualTo("Bearer " + SLACK_TOKEN);
        assertThat(dead).extracting(r -> header(r, DeliveryHeaders.ERROR_MESSAGE)).containsExactlyInAnyOrder(
                "gave up after 3 attempts: webhook: POST " + rig.server.url("/hook/***") + " answered 503: try later",
                "webhook: POST " + rig.server.url("/hook/rejected") + " answered 401: bad token ***",
                "slack: chat.postMessage answered ok:false, error invalid_auth");
        // What rests on Kafka is the reference, as the runner wrote it.
        assertThat(dead).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("${env:"));

        List<String> published = new ArrayList<>();
        for (String topic : List.of(rig.topics.actionsRetry(), rig.topics.actionsDeadLetter())) {
            for (ConsumerRecord<byte[], byte[]> r : io.trawl.kafka.embedded.TopicReader.readAll(DeliveryRig.bootstrap(),
                    topic, Integer.MAX_VALUE, Duration.ofSeconds(1))) {
                published.add(new String(r.value(), StandardCharsets.UTF_8));
                for (Header h : r.headers()) {
                    published.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(published).anyMatch(text -> text.contains("***"));
        List<String> logged = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(LOG.list)) {
            logged.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                logged.add(t.getMessage());
            }
        }
        assertThat(logged).anyMatch(line -> line != null && line.contains("/hook/***"));
        List<String> meters = rig.meters.getMeters().stream().map(Meter::getId).map(Object::toString).toList();
        for (String secret : SECRETS) {
            assertThat(published).noneMatch(text -> text.contains(secret));
            assertThat(logged).noneMatch(line -> line != null && line.contains(secret));
            assertThat(meters).noneMatch(id -> id.contains(secret));
        }
    }
}
