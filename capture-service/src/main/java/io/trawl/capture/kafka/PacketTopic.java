package io.trawl.capture.kafka;

import io.trawl.kafka.TopicAdmin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.List;
import java.util.Map;

/** Declares {@code trawl.packets}: time retention (the forensic ring buffer), capture time as the timestamp. */
public final class PacketTopic {

    private PacketTopic() {
    }

    public static NewTopic spec(KafkaSettings settings) {
        return new NewTopic(settings.topics().packets(), settings.packetPartitions(), (short) -1).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(settings.packetRetention().toMillis()),
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"));
    }

    /** Checks the cluster answers and creates {@code trawl.packets} if it is missing. */
    public static void ensure(KafkaSettings settings) throws TopicAdmin.KafkaUnavailableException {
        TopicAdmin.ensure(settings.bootstrapServers(), settings.connectTimeout(), List.of(spec(settings)));
    }
}
