package io.trawl.job.service;

import io.trawl.job.schedule.FireEventSink;
import io.trawl.model.job.JobFired;
import io.trawl.model.job.JobJson;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Publishes fire events to {@code trawl.jobs.fired}, keyed by job key, and waits for the acknowledgement. */
final class KafkaFireEventSink implements FireEventSink {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration timeout;

    KafkaFireEventSink(Producer<byte[], byte[]> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void publish(JobFired fired) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, fired.firedTime(),
                fired.key().getBytes(StandardCharsets.UTF_8), JobJson.encode(fired)))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
