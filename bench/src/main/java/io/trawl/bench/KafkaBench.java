package io.trawl.bench;

import io.trawl.capture.CaptureRun;
import io.trawl.capture.CaptureSummary;
import io.trawl.capture.kafka.KafkaSettings;
import io.trawl.capture.kafka.PacketProducerFactory;
import io.trawl.capture.kafka.PacketTopic;
import io.trawl.capture.publish.PacketPublisher;
import io.trawl.capture.source.file.CaptureFileSource;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * pcap file to Kafka through Trawl's real publishing path ({@code PacketTopic.ensure},
 * {@code PacketProducerFactory.create}, {@code PacketPublisher}, {@code CaptureRun} over a
 * {@code CaptureFileSource}) into a real broker in this JVM.
 */
final class KafkaBench {

    static final int PARTITIONS = 12;
    /** The capture's timestamps are old: a time retention of an hour would let the broker delete them. */
    static final Duration RETENTION = Duration.ofDays(36_500);

    /** One producer configuration under test. */
    record ProducerSetting(String compression, int lingerMs, int batchBytes) {
        String label() {
            return compression + "-" + lingerMs + "ms-" + batchBytes / 1024 + "k";
        }

        static ProducerSetting parse(String s) {
            String[] p = s.split(":");
            if (p.length < 2 || p.length > 3) {
                throw new IllegalArgumentException("producer setting '" + s + "': want COMPRESSION:LINGER_MS[:BATCH_BYTES]");
            }
            return new ProducerSetting(p[0], Integer.parseInt(p[1]), p.length == 3 ? Integer.parseInt(p[2]) : 262_144);
        }
    }

    /** One timed run. */
    record Run(ProducerSetting setting, CaptureSummary summary, long recordsOnBroker, long storedBytes,
               double cpuSeconds, double compressionRate, double batchSizeAvg, double loadAverage,
               double othersCores) {
        double seconds() {
            return summary.elapsed().toNanos() / 1e9;
        }

        double recordsPerSecond() {
            return summary.packets() / seconds();
        }

        double capturedMegabytesPerSecond() {
            return summary.bytes() / 1e6 / seconds();
        }

        double coresUsed() {
            return cpuSeconds / seconds();
        }
    }

    private final EmbeddedKafkaBroker broker;
    private final Path file;
    private final long expectedPackets;
    private final boolean awaitWritable;

    /**
     * @param awaitWritable after {@code PacketTopic.ensure}, also wait until every partition answers a
     *                      ListOffsets request at its leader (see {@link #awaitWritable})
     */
    KafkaBench(EmbeddedKafkaBroker broker, Path file, long expectedPackets, boolean awaitWritable) {
        this.broker = broker;
        this.file = file;
        this.expectedPackets = expectedPackets;
        this.awaitWritable = awaitWritable;
    }

    Run runOnce(ProducerSetting setting) throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-" + setting.label() + ".";
        KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), prefix, PARTITIONS, RETENTION,
                setting.compression(), setting.lingerMs(), setting.batchBytes(), Duration.ofSeconds(30));
        String topic = settings.topics().packets();
        PacketTopic.ensure(settings);
        if (awaitWritable) {
            try (Admin admin = admin()) {
                awaitWritable(admin, topic);
            }
        }
        double load = Machine.loadAverage();
        CaptureSummary summary;
        double cpu;
        double compressionRate;
        double batchSize;
        double others;
        try (Producer<byte[], byte[]> producer = PacketProducerFactory.create(settings, "trawl-bench")) {
            PacketPublisher publisher = new PacketPublisher(producer, topic, "bench",
                    PacketPublisher.PublishListener.NONE);
            long cpu0 = Machine.processCpuNanos();
            Machine.CpuSnapshot before = Machine.CpuSnapshot.take();
            summary = new CaptureRun(new CaptureFileSource(file, 0, false, false), publisher).run();
            others = Machine.CpuSnapshot.take().othersCoresSince(before);
            cpu = (Machine.processCpuNanos() - cpu0) / 1e9;
            compressionRate = metric(producer, "compression-rate-avg");
            batchSize = metric(producer, "batch-size-avg");
        }
        if (!summary.succeeded()) {
            throw new IllegalStateException(setting.label() + ": capture run failed: " + summary.error()
                    + ", " + summary.publishFailures() + " sends failed");
        }
        if (summary.packets() != expectedPackets) {
            throw new IllegalStateException(setting.label() + ": published " + summary.packets() + " of "
                    + expectedPackets + " packets");
        }
        long onBroker;
        try (Admin admin = admin()) {
            onBroker = endOffsets(admin, topic);
            if (onBroker != expectedPackets) {
                throw new IllegalStateException(setting.label() + ": the broker holds " + onBroker + " records of "
                        + expectedPackets + " published");
            }
            long stored = storedBytes(topic);
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            return new Run(setting, summary, onBroker, stored, cpu, compressionRate, batchSize, load, others);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /**
     * Waits until the leader of every partition serves it. Until commit 04c0749, {@code PacketTopic.ensure}
     * waited only until the metadata named a leader for each partition, and the broker could still answer
     * NOT_LEADER_OR_FOLLOWER for a moment, which lost packets (see {@link FreshTopicRepro}); {@code TopicAdmin}
     * now does this same wait itself. Kept so that the harness measures older trees safely; it runs before the
     * clock starts. A ListOffsets request goes to the same place as a produce request, and the admin client
     * retries it until the partition answers.
     */
    static void awaitWritable(Admin admin, String topic) throws Exception {
        endOffsets(admin, topic);
    }

    private static long endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, PARTITIONS).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    /** Bytes of the topic's log segments on the broker's disk: what the records take after compression. */
    private long storedBytes(String topic) {
        try (Stream<Path> all = Files.walk(broker.dataDirectory())) {
            return all.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .filter(p -> p.getParent() != null && p.getParent().getFileName().toString()
                            .matches(java.util.regex.Pattern.quote(topic) + "-\\d+"))
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double metric(Producer<byte[], byte[]> producer, String name) {
        Map<MetricName, ? extends Metric> metrics = producer.metrics();
        return metrics.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals("producer-metrics"))
                .map(e -> e.getValue().metricValue())
                .filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue())
                .findFirst().orElse(Double.NaN);
    }

    static String describe(Run r) {
        return String.format(Locale.ROOT,
                "%-22s %,10.0f records/s %7.1f MB/s in %6.2f s, %4.2f cores, stored %,d MB (%.2f of captured), "
                        + "load %.2f, others %.2f cores",
                r.setting().label(), r.recordsPerSecond(), r.capturedMegabytesPerSecond(), r.seconds(), r.coresUsed(),
                r.storedBytes() / 1_000_000, r.storedBytes() / (double) r.summary().bytes(), r.loadAverage(),
                r.othersCores());
    }
}
