package io.trawl.capture.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks at start that the Kafka cluster answers, and creates {@code trawl.packets} with time retention if it
 * is missing. An unreachable cluster fails the start with a message naming the address, rather than letting
 * the producer block and retry silently.
 */
public final class PacketTopic {

    private PacketTopic() {
    }

    public static void ensure(KafkaSettings settings) throws KafkaUnavailableException {
        String topic = settings.topics().packets();
        long timeout = settings.connectTimeout().toMillis();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, Integer.MAX_VALUE),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(timeout, Integer.MAX_VALUE)))) {
            try {
                admin.describeCluster().nodes().get(timeout, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new KafkaUnavailableException("Kafka broker unreachable at " + settings.bootstrapServers()
                        + ": no answer within " + settings.connectTimeout().toSeconds() + " s (check the address,"
                        + " or set --bootstrap / trawl.kafka.bootstrap-servers)", e);
            }
            NewTopic packets = new NewTopic(topic, settings.packetPartitions(), (short) -1).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.packetRetention().toMillis()),
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"));
            try {
                admin.createTopics(List.of(packets)).all().get(timeout, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new KafkaUnavailableException("cannot create topic " + topic + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new KafkaUnavailableException("creating topic " + topic + " took longer than "
                        + settings.connectTimeout().toSeconds() + " s", e);
            }
            awaitLeaders(admin, topic, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while checking Kafka", e);
        }
    }

    /**
     * A created topic's partitions get their leaders a moment after creation returns; sending before that
     * costs retries, and with an idempotent producer it has produced out-of-order sequence errors.
     */
    private static void awaitLeaders(Admin admin, String topic, long timeoutMillis)
            throws KafkaUnavailableException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeoutMillis, TimeUnit.MILLISECONDS).get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // not visible yet: ask again until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new KafkaUnavailableException("topic " + topic + " has partitions without a leader after "
                        + timeoutMillis / 1000 + " s", null);
            }
            Thread.sleep(50);
        }
    }

    /** The cluster did not answer or refused the topic. */
    public static final class KafkaUnavailableException extends Exception {
        public KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
