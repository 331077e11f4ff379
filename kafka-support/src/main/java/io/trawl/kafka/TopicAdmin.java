package io.trawl.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks at start that the Kafka cluster answers and creates the topics a service writes, when missing. An
 * unreachable cluster fails the start with a message naming the address, rather than letting clients block
 * and retry silently. Existing topics are left as they are.
 */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    public static void ensure(String bootstrapServers, Duration timeout, List<NewTopic> topics)
            throws KafkaUnavailableException {
        long millis = timeout.toMillis();
        int clientTimeout = (int) Math.min(millis, Integer.MAX_VALUE);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, clientTimeout,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, clientTimeout))) {
            try {
                admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new KafkaUnavailableException("Kafka broker unreachable at " + bootstrapServers
                        + ": no answer within " + timeout.toSeconds() + " s (check the address,"
                        + " or set --bootstrap / trawl.kafka.bootstrap-servers)", e);
            }
            for (NewTopic topic : topics) {
                create(admin, topic, timeout);
                awaitLeaders(admin, topic.name(), millis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while checking Kafka", e);
        }
    }

    private static void create(Admin admin, NewTopic topic, Duration timeout)
            throws KafkaUnavailableException, InterruptedException {
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaUnavailableException("cannot create topic " + topic.name() + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("creating topic " + topic.name() + " took longer than "
                    + timeout.toSeconds() + " s", e);
        }
    }

    /**
     * A created topic's partitions get their leaders a moment after creation returns, and the leader serves
     * requests a moment after that. A first produce answered NOT_LEADER while the next in-flight batch is
     * accepted leaves an idempotent producer retrying an out-of-order batch until its delivery timeout (seen
     * here on a new topic), so this waits until every partition's leader answers a ListOffsets request, which
     * only a serving leader does.
     */
    private static void awaitLeaders(Admin admin, String topic, long timeoutMillis)
            throws KafkaUnavailableException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(timeoutMillis, TimeUnit.MILLISECONDS).get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest()));
                    admin.listOffsets(latest).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
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

    /** The cluster did not answer or refused a topic. */
    public static final class KafkaUnavailableException extends Exception {
        public KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
