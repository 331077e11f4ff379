package io.trawl.launcher;

import io.trawl.kafka.TopicAdmin;
import io.trawl.capture.CaptureRun;
import io.trawl.capture.CaptureSettings;
import io.trawl.capture.CaptureSummary;
import io.trawl.capture.kafka.KafkaSettings;
import io.trawl.capture.kafka.PacketProducerFactory;
import io.trawl.capture.kafka.PacketTopic;
import io.trawl.capture.publish.PacketPublisher;
import io.trawl.capture.source.CaptureException;
import io.trawl.capture.source.PacketSource;
import io.trawl.model.Topics;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code trawl capture}: packets from a file or an interface onto {@code trawl.packets}. */
@Command(name = "capture", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish packets from a capture file or a live interface to Kafka, then say how many.",
                "Without --bootstrap, an embedded Kafka broker is started for the command."})
final class CaptureCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--pcap", paramLabel = "FILE", required = true, description = "a pcap or pcapng file to replay")
        Path pcap;

        @Option(names = "--interface", paramLabel = "IF", required = true, description = "a network interface to capture live")
        String iface;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Option(names = "--filter", paramLabel = "BPF", defaultValue = "",
            description = "BPF filter for live capture, in tcpdump syntax")
    String filter;

    @Option(names = "--snaplen", defaultValue = "262144", description = "bytes kept per packet, live (default: ${DEFAULT-VALUE})")
    int snapLength;

    @Option(names = "--no-promiscuous", description = "do not put the interface in promiscuous mode")
    boolean noPromiscuous;

    @Option(names = "--buffer-size", defaultValue = "16777216", paramLabel = "BYTES",
            description = "kernel capture buffer, live (default: ${DEFAULT-VALUE})")
    int bufferBytes;

    @Option(names = "--speed", defaultValue = "0", paramLabel = "N",
            description = "file replay: 0 as fast as possible (default), 1 at the recorded pace, 2 twice as fast, ...")
    double speed;

    @Option(names = "--loop", description = "file replay: start over at the end until stopped (implies --retime)")
    boolean loop;

    @Option(names = "--retime", description = "file replay: shift capture times to now")
    boolean retime;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka cluster; default: an embedded broker")
    String bootstrap;

    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "default: ${DEFAULT-VALUE}")
    String topicPrefix;

    @Option(names = "--partitions", defaultValue = "12", description = "partitions of trawl.packets if created (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--node", description = "node name written into each packet; default: $NODE_NAME or the host name")
    String node;

    @Option(names = "--data-dir", defaultValue = ".trawl/kafka", paramLabel = "DIR",
            description = "embedded broker's data directory (default: ${DEFAULT-VALUE})")
    Path dataDirectory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CaptureSettings settings = source.pcap != null
                ? new CaptureSettings(source.pcap.toString(), null, "", 262_144, true, 16 << 20, speed, loop,
                        loop || retime, node, true)
                : CaptureSettings.forInterface(source.iface, filter, snapLength, !noPromiscuous, bufferBytes, node);
        PacketSource packets;
        try {
            packets = settings.openSource();
        } catch (CaptureException e) {
            err.println("trawl capture: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (packets; KafkaTarget kafka = KafkaTarget.of(bootstrap, dataDirectory, out)) {
            KafkaSettings kafkaSettings = new KafkaSettings(kafka.bootstrap(), topicPrefix, partitions,
                    Duration.ofHours(1), "lz4", 20, 262_144, Duration.ofSeconds(15));
            try {
                PacketTopic.ensure(kafkaSettings);
            } catch (TopicAdmin.KafkaUnavailableException e) {
                err.println("trawl capture: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            String topic = kafkaSettings.topics().packets();
            out.println("Capturing from " + (settings.isFile() ? settings.pcapFile() : "interface " + packets.name())
                    + " to " + topic + (settings.isFile() && !loop ? "" : "; Ctrl-C stops"));
            out.flush();
            CaptureSummary summary;
            try (Producer<byte[], byte[]> producer = PacketProducerFactory.create(kafkaSettings,
                    "trawl-capture-cli")) {
                CaptureRun run = new CaptureRun(packets, new PacketPublisher(producer, topic, settings.node(),
                        PacketPublisher.PublishListener.NONE));
                summary = runUntilDoneOrInterrupted(run);
            }
            if (summary.error() != null) {
                err.println("trawl capture: " + summary.error());
            }
            out.println(summary.describe(topic, kafka.bootstrap() + (kafka.embedded() ? " (embedded)" : "")));
            return summary.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** Runs the capture; Ctrl-C stops it, and the summary is still printed before the process exits. */
    private static CaptureSummary runUntilDoneOrInterrupted(CaptureRun run) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.stop();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "trawl-capture-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.run();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us
            }
        }
    }
}
