package io.trawl.integrations.action;

import io.trawl.model.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes failed requests to the retry topic (with the time the next attempt is due) or the dead-letter topic,
 * and waits for the broker's acknowledgement: the consumer commits a request's offset only after this returns.
 * Key and value are the original record's, so a request keeps its partition and its unresolved secret references.
 */
public final class FailedActions {

    private final Producer<byte[], byte[]> producer;
    private final Topics topics;
    private final Duration timeout;

    /** The broker did not take a failed request; the consumer reads it again later. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public FailedActions(Producer<byte[], byte[]> producer, Topics topics, Duration timeout) {
        this.producer = producer;
        this.topics = topics;
        this.timeout = timeout;
    }

    void retry(byte[] key, byte[] value, Headers headers, long notBeforeMillis) throws InterruptedException {
        DeliveryHeaders.put(headers, DeliveryHeaders.NOT_BEFORE, Long.toString(notBeforeMillis));
        send(topics.actionsRetry(), key, value, headers);
    }

    void deadLetter(byte[] key, byte[] value, Headers headers) throws InterruptedException {
        send(topics.actionsDeadLetter(), key, value, headers);
    }

    private void send(String topic, byte[] key, byte[] value, Headers headers) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new UnavailableException("cannot publish to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new UnavailableException("publishing to " + topic + " took longer than " + timeout.toSeconds()
                    + " s", e);
        }
    }
}
