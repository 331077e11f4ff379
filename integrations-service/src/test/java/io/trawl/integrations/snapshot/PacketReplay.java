package io.trawl.integrations.snapshot;

import io.trawl.kafka.TopicAdmin;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.flow.FlowKey;
import io.trawl.model.packet.PacketRecordCodec;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes the packets of a capture file to {@code trawl.packets} as capture-service does: the model's packet
 * record codec, the canonical flow key as the record key, the capture time as the record timestamp.
 */
public final class PacketReplay {

    private PacketReplay() {
    }

    /**
     * Creates the packets topic with {@code partitions} partitions and no time retention (old captures), through
     * {@link TopicAdmin}, which returns once every partition's leader serves: publishing sooner can leave a batch
     * refused as out of order for minutes (KAFKA-15591).
     */
    public static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        TopicAdmin.ensure(bootstrap, Duration.ofSeconds(30), List.of(new NewTopic(topic, partitions, (short) 1)
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"))));
    }

    /** Publishes one record of any bytes, as a producer that is not capture-service might. */
    public static void publishRaw(String bootstrap, String topic, long timestampMillis, byte[] value)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, null, timestampMillis, null, value)).get();
        }
    }

    /**
     * Publishes every packet of {@code file}, its capture time moved by {@code shiftNanos}.
     *
     * @return the number of packets published
     * @throws IllegalStateException when the broker did not take a packet, with the first failure as its cause
     */
    public static int publish(String bootstrap, String topic, Path file, long shiftNanos) throws Exception {
        PacketRecordCodec.Encoder encoder = PacketRecordCodec.encoderFor("node-1", "file");
        DecodedPacket decoded = new DecodedPacket();
        int count = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
             CaptureFileReader reader = CaptureFileReader.open(file)) {
            FilePacket p = new FilePacket();
            while (reader.next(p)) {
                long time = p.timestampNanos + shiftNanos;
                byte[] value = encoder.encode(time, p.linkType, p.originalLength, p.buffer, p.offset, p.length);
                byte[] key = FlowKey.encode(PacketDecoder.decode(p.linkType, p.buffer, p.offset, p.length, decoded));
                producer.send(new ProducerRecord<>(topic, null, Math.floorDiv(time, 1_000_000L), key, value),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
                count++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing " + file + " to " + topic + " lost packets", failure.get());
        }
        return count;
    }
}
