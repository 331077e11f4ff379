package io.trawl.integrations.evidence;

import io.micrometer.core.instrument.MeterRegistry;
import io.trawl.integrations.s3.S3Clients;
import io.trawl.integrations.s3.S3EvidenceStore;
import io.trawl.integrations.s3.S3ObjectWriter;
import io.trawl.integrations.s3.S3PutHandler;
import io.trawl.integrations.s3.S3Settings;
import io.trawl.integrations.snapshot.PacketWindow;
import io.trawl.integrations.snapshot.PcapSnapshotHandler;
import io.trawl.integrations.snapshot.SnapshotKafkaSettings;
import io.trawl.integrations.snapshot.SnapshotMetrics;
import io.trawl.integrations.snapshot.SnapshotTaker;
import io.trawl.integrations.snapshot.StoredSnapshots;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The evidence half of integrations-service: the evidence store chosen by {@code trawl.integrations.evidence.store},
 * the S3 client when {@code trawl.integrations.s3.region} is set, snapshots read back from {@code trawl.packets},
 * and the handlers of {@code vendor.s3.put} and {@code pcap.snapshot}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EvidenceSettings.class, S3Settings.class, SnapshotKafkaSettings.class})
public class EvidenceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EvidenceConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("trawl.integrations.s3.region")
    public S3Client s3Client(S3Settings settings, ObjectProvider<ExecutionInterceptor> interceptors) {
        log.info("S3: {}", settings);
        return S3Clients.create(settings, interceptors.orderedStream().toList());
    }

    @Bean
    @ConditionalOnProperty("trawl.integrations.s3.region")
    public S3ObjectWriter s3ObjectWriter(S3Client client, S3Settings settings) {
        return new S3ObjectWriter(client, settings.retention(), Clock.systemUTC());
    }

    @Bean
    public EvidenceStore evidenceStore(EvidenceSettings settings, S3Settings s3, ObjectProvider<S3Client> client,
                                       ObjectProvider<S3ObjectWriter> writer, MeterRegistry registry)
            throws IOException {
        EvidenceStore store = switch (settings.store()) {
            case DIRECTORY -> new DirectoryEvidenceStore(Path.of(settings.directory()));
            case S3 -> {
                if (writer.getIfAvailable() == null) {
                    throw new IllegalStateException("trawl.integrations.evidence.store is s3, but S3 is not "
                            + "configured: " + s3.missing());
                }
                yield new S3EvidenceStore(client.getObject(), writer.getObject(), s3.bucket(), s3.prefix());
            }
        };
        log.info("Evidence store: {} ({})", store.describe(), store.kind());
        return new MeteredEvidenceStore(store, registry);
    }

    @Bean
    public StoredSnapshots storedSnapshots(EvidenceStore store) {
        return new StoredSnapshots(store);
    }

    @Bean
    public SnapshotTaker snapshotTaker(EvidenceSettings settings, SnapshotKafkaSettings kafka, EvidenceStore store,
                                       MeterRegistry registry) throws IOException {
        Map<String, Object> config = PacketWindow.consumerConfig(kafka.bootstrapServers());
        PacketWindow window = new PacketWindow(
                () -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                kafka.topics().packets(), settings.grace(), settings.readTimeout(), settings.maxPackets(),
                settings.maxBytes().toBytes());
        Path spool = Files.createDirectories(Path.of(settings.spool().isBlank()
                ? System.getProperty("java.io.tmpdir") : settings.spool()));
        return new SnapshotTaker(window, store, new SnapshotMetrics(registry), settings.grace(), spool,
                Clock.systemUTC());
    }

    @Bean
    public PcapSnapshotHandler pcapSnapshotHandler(SnapshotTaker taker, EvidenceSettings settings) {
        return new PcapSnapshotHandler(taker, settings.maxWindow());
    }

    @Bean
    public S3PutHandler s3PutHandler(ObjectProvider<S3ObjectWriter> writer, S3Settings settings) {
        return new S3PutHandler(writer.getIfAvailable(), settings);
    }
}
