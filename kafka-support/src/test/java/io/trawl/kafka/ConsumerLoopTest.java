package io.trawl.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** A real consumer pointed at a port nothing listens on: its polls wait, which is what stop() must end. */
class ConsumerLoopTest {

    private static final String NOWHERE = "127.0.0.1:9";

    @Test
    void stopWakesAWaitingPollEndsTheLoopWithoutFailureAndClosesTheConsumer() throws InterruptedException {
        var polls = new AtomicInteger();
        var loop = new ConsumerLoop<>(consumer(), "Test loop") {
            @Override
            protected void loop() {
                consumer.assign(List.of(new TopicPartition("t", 0)));
                while (running()) {
                    polls.incrementAndGet();
                    consumer.poll(Duration.ofMinutes(5));
                }
            }
        };
        Thread thread = Thread.ofPlatform().start(loop);
        while (polls.get() == 0 && thread.isAlive()) {
            Thread.sleep(10);
        }

        loop.stop();

        assertThat(thread.join(Duration.ofSeconds(30))).isTrue();
        assertThat(polls.get()).isEqualTo(1);
        assertThat(loop.failure()).isNull();
        assertThat(closed(loop.consumer)).isTrue();
    }

    @Test
    void anErrorThatEscapesTheLoopIsKeptAsItsFailureAndTheConsumerClosed() throws InterruptedException {
        var error = new IllegalStateException("broken");
        var loop = new ConsumerLoop<>(consumer(), "Test loop") {
            @Override
            protected void loop() {
                throw error;
            }
        };
        Thread thread = Thread.ofPlatform().start(loop);

        assertThat(thread.join(Duration.ofSeconds(30))).isTrue();
        assertThat(loop.failure()).isSameAs(error);
        assertThat(closed(loop.consumer)).isTrue();
    }

    @Test
    void anInterruptEndsTheLoopWithoutFailureAndStaysSet() throws InterruptedException {
        var interrupted = new AtomicInteger();
        var loop = new ConsumerLoop<>(consumer(), "Test loop") {
            @Override
            protected void loop() throws InterruptedException {
                throw new InterruptedException();
            }
        };
        Thread thread = Thread.ofPlatform().start(() -> {
            loop.run();
            if (Thread.currentThread().isInterrupted()) {
                interrupted.incrementAndGet();
            }
        });

        assertThat(thread.join(Duration.ofSeconds(30))).isTrue();
        assertThat(loop.failure()).isNull();
        assertThat(interrupted.get()).isEqualTo(1);
    }

    private static Consumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NOWHERE,
                ConsumerConfig.CLIENT_ID_CONFIG, "consumer-loop-test"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A closed consumer refuses every call with this message. */
    private static boolean closed(Consumer<?, ?> consumer) {
        try {
            consumer.assignment();
            return false;
        } catch (IllegalStateException e) {
            return e.getMessage().contains("closed");
        }
    }
}
