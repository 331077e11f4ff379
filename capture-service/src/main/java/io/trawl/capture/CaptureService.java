package io.trawl.capture;

import io.trawl.kafka.KafkaClientMeters;
import io.trawl.kafka.TopicAdmin;
import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.capture.kafka.KafkaSettings;
import io.trawl.capture.kafka.PacketProducerFactory;
import io.trawl.capture.kafka.PacketTopic;
import io.trawl.capture.metrics.CaptureMetrics;
import io.trawl.capture.publish.PacketPublisher;
import io.trawl.capture.source.CaptureException;
import io.trawl.capture.source.PacketSource;
import io.trawl.service.Threads;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Runs the configured capture on its own thread for as long as the application lives. Opening the source and
 * reaching Kafka happen at start-up, so a bad interface, filter, file or broker address fails the start with
 * a message that says which. {@link CaptureHealthIndicator} takes the service out of readiness once the
 * capture has stopped.
 */
@Component
public class CaptureService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaptureService.class);

    private final CaptureSettings capture;
    private final KafkaSettings kafka;
    private final MeterRegistry registry;
    private final ApplicationContext context;
    private volatile CaptureRun run;
    private volatile CaptureSummary summary;
    private Producer<byte[], byte[]> producer;
    private KafkaClientMeters clientMeters;
    private Thread thread;

    public CaptureService(CaptureSettings capture, KafkaSettings kafka, MeterRegistry registry,
                          ApplicationContext context) {
        this.capture = capture;
        this.kafka = kafka;
        this.registry = registry;
        this.context = context;
    }

    @Override
    public void start() {
        PacketSource source;
        try {
            source = capture.openSource();
            PacketTopic.ensure(kafka);
        } catch (CaptureException | TopicAdmin.KafkaUnavailableException e) {
            throw new CaptureStartException(e.getMessage(), e);
        }
        clientMeters = new KafkaClientMeters(registry);
        producer = clientMeters.bind(PacketProducerFactory.create(kafka,
                "trawl-capture-" + capture.node() + "-" + source.name()));
        PacketPublisher publisher = new PacketPublisher(producer, kafka.topics().packets(), capture.node(),
                new CaptureMetrics(registry, source));
        run = new CaptureRun(source, publisher);
        thread = Thread.ofPlatform().name("capture-" + source.name()).start(this::capture);
        log.info("Capturing from {} to {} at {}", capture.isFile() ? capture.pcapFile() : source.name(),
                kafka.topics().packets(), kafka.bootstrapServers());
    }

    private void capture() {
        CaptureRun r = run;
        CaptureSummary s = r.run();
        r.source().close();
        summary = s;
        if (s.error() != null) {
            log.error("Capture stopped: {}", s.error());
        }
        log.info(s.describe(kafka.topics().packets(), kafka.bootstrapServers()));
        if (capture.isFile() && capture.exitWhenDone() && !capture.loop()) {
            int code = s.succeeded() ? 0 : 1;
            Thread.ofPlatform().name("capture-exit").start(() -> System.exit(SpringApplication.exit(context, () -> code)));
        }
    }

    /** The summary of a finished capture, or null while it runs. */
    public CaptureSummary summary() {
        return summary;
    }

    public boolean capturing() {
        CaptureRun r = run;
        return r != null && r.running();
    }

    @Override
    public void stop() {
        CaptureRun r = run;
        if (r != null) {
            r.stop();
        }
        Threads.join(thread, Duration.ofSeconds(10));
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            clientMeters.close();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Raised when the capture cannot start; its message is the whole explanation. */
    public static final class CaptureStartException extends RuntimeException {
        public CaptureStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
