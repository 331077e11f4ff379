package io.trawl.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Real clients (they connect lazily, so no broker is needed to build them) bound to a real registry. */
class KafkaClientMetersTest {

    private static final String NOWHERE = "127.0.0.1:9";

    @Test
    void aBoundConsumerAndProducerShowTheirClientMetricsUntilClosed() {
        MeterRegistry registry = new SimpleMeterRegistry();
        var meters = new KafkaClientMeters(registry);
        var consumer = meters.bind(new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE,
                ConsumerConfig.GROUP_ID_CONFIG, "meters-test",
                ConsumerConfig.CLIENT_ID_CONFIG, "meters-test-consumer"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        var producer = meters.bind(new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE,
                ProducerConfig.CLIENT_ID_CONFIG, "meters-test-producer"),
                new ByteArraySerializer(), new ByteArraySerializer()));

        assertThat(registry.find("kafka.consumer.fetch.manager.records.lag.max")
                .tag("client.id", "meters-test-consumer").gauge()).isNotNull();
        assertThat(registry.find("kafka.producer.record.send.total").tag("client.id", "meters-test-producer")
                .functionCounter()).isNotNull();

        consumer.close();
        producer.close();
        meters.close();
        assertThat(kafkaMeters(registry)).isEmpty();
        assertThatThrownBy(() -> meters.bind(producer)).hasMessage("Kafka client meters already closed");
    }

    @Test
    void noneBindsNothing() {
        var meters = KafkaClientMeters.none();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE, ConsumerConfig.GROUP_ID_CONFIG, "none"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            assertThat(meters.bind(consumer)).isSameAs(consumer);
        }
        meters.close();
        try (var producer = producer()) {
            assertThat(meters.bind(producer)).as("binding nothing, even closed it does not refuse").isSameAs(producer);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static java.util.List<Meter> kafkaMeters(MeterRegistry registry) {
        return registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("kafka.")).toList();
    }
}
