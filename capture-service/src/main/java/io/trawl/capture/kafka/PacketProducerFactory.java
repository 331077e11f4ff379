package io.trawl.capture.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;

/** Builds the idempotent producer that writes {@code trawl.packets}. */
public final class PacketProducerFactory {

    private PacketProducerFactory() {
    }

    public static Map<String, Object> config(KafkaSettings settings, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression());
        config.put(ProducerConfig.LINGER_MS_CONFIG, settings.lingerMs());
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, settings.batchBytes());
        // Room for a few seconds of bursts at a few hundred thousand packets per second before send() blocks.
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.connectTimeout().toMillis());
        return config;
    }

    public static Producer<byte[], byte[]> create(KafkaSettings settings, String clientId) {
        return new KafkaProducer<>(config(settings, clientId), new ByteArraySerializer(), new ByteArraySerializer());
    }
}
