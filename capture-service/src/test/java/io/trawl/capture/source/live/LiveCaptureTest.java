package io.trawl.capture.source.live;

import com.sun.net.httpserver.HttpServer;
import io.trawl.capture.CaptureRun;
import io.trawl.capture.CaptureSummary;
import io.trawl.capture.kafka.KafkaSettings;
import io.trawl.capture.kafka.PacketProducerFactory;
import io.trawl.capture.kafka.PacketTopic;
import io.trawl.capture.kafka.TestBroker;
import io.trawl.capture.publish.PacketPublisher;
import io.trawl.capture.source.CaptureException;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.flow.FlowKey;
import io.trawl.model.packet.PacketRecord;
import io.trawl.model.packet.PacketRecordCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Live capture on the loopback interface of real HTTP traffic made during the test. Needs CAP_NET_RAW and
 * CAP_NET_ADMIN (CI runs as root); without them the class is skipped, saying why.
 */
class LiveCaptureTest {

    @org.junit.jupiter.api.BeforeAll
    static void captureIsPermitted() {
        try {
            LiveInterfaceSource.open(new LiveCaptureSettings("lo", "", 65_536, false, 1 << 20)).close();
        } catch (CaptureException e) {
            org.junit.jupiter.api.Assumptions.assumeFalse(e.getMessage().startsWith("no permission"),
                    "live capture tests need CAP_NET_RAW and CAP_NET_ADMIN: " + e.getMessage());
        }
    }

    private static LiveCaptureSettings lo(String filter) {
        return new LiveCaptureSettings("lo", filter, 65_536, false, 1 << 20);
    }

    @Test
    void httpExchangesOnLoopbackArriveInKafkaWithBothDirectionsOfEachConnectionOnOnePartition() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hello", exchange -> {
            byte[] body = "hello from trawl".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        KafkaSettings settings = TestBroker.settings(TestBroker.uniquePrefix());
        PacketTopic.ensure(settings);
        LiveInterfaceSource source = LiveInterfaceSource.open(lo("tcp port " + port));
        try (Producer<byte[], byte[]> producer = PacketProducerFactory.create(settings, "live-test")) {
            PacketPublisher publisher = new PacketPublisher(producer, settings.topics().packets(), "node-lo",
                    PacketPublisher.PublishListener.NONE);
            CaptureRun run = new CaptureRun(source, publisher);
            CompletableFuture<CaptureSummary> capture = CompletableFuture.supplyAsync(run::run);

            int connections = 3;
            for (int i = 0; i < connections; i++) {
                // a client per request: each request gets a connection of its own
                try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                    HttpResponse<String> response = client.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.body()).isEqualTo("hello from trawl");
                }
            }
            // SYN, SYN-ACK, ACK, request, response and the closing handshake: at least 8 packets a connection
            await().atMost(Duration.ofSeconds(20)).until(() -> publisher.published() >= 8L * connections);
            run.stop();
            CaptureSummary summary = capture.get();
            assertThat(summary.error()).isNull();

            List<ConsumerRecord<byte[], byte[]>> records = TestBroker.readAll(settings.topics().packets(),
                    (int) summary.packets(), Duration.ofSeconds(20));
            assertThat(records).hasSize((int) summary.packets());
            Map<FlowKey, Set<Integer>> partitions = new HashMap<>();
            Map<FlowKey, Set<Integer>> sourcePorts = new HashMap<>();
            DecodedPacket decoded = new DecodedPacket();
            boolean sawRequest = false;
            for (ConsumerRecord<byte[], byte[]> r : records) {
                PacketRecord packet = PacketRecordCodec.decode(r.value());
                assertThat(packet.iface()).isEqualTo("lo");
                assertThat(packet.node()).isEqualTo("node-lo");
                assertThat(Math.abs(packet.timestampMillis() - System.currentTimeMillis())).isLessThan(60_000);
                PacketDecoder.decode(packet.linkType(), packet.data(), decoded);
                FlowKey key = FlowKey.fromBytes(r.key());
                assertThat(key).isEqualTo(FlowKey.of(decoded));
                assertThat(key.kind()).isEqualTo(FlowKey.Kind.IP);
                assertThat(key.protocol()).isEqualTo(DecodedPacket.TCP);
                assertThat(List.of(key.portA(), key.portB())).contains(port);
                partitions.computeIfAbsent(key, k -> new HashSet<>()).add(r.partition());
                sourcePorts.computeIfAbsent(key, k -> new HashSet<>()).add(decoded.srcPort);
                String payload = new String(packet.data(), decoded.payloadOffset, decoded.payloadLength,
                        StandardCharsets.ISO_8859_1);
                sawRequest |= payload.startsWith("GET /hello HTTP/1.1");
            }
            assertThat(sawRequest).isTrue();
            assertThat(partitions).hasSize(connections);
            assertThat(partitions.values()).allSatisfy(p -> assertThat(p).hasSize(1));
            assertThat(sourcePorts.values()).allSatisfy(p -> assertThat(p).hasSize(2).contains(port));
        } finally {
            source.close();
            server.stop(0);
        }
    }

    @Test
    void filterKeepsOtherTrafficOut() throws Exception {
        LiveInterfaceSource source = LiveInterfaceSource.open(lo("udp port 9"));
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Map<Integer, Integer> ports = new java.util.concurrent.ConcurrentHashMap<>();
            CompletableFuture<Void> capture = CompletableFuture.runAsync(() -> {
                try {
                    source.run((ts, link, orig, data, off, len, iface) -> {
                        DecodedPacket d = PacketDecoder.decode(link, data, off, len, new DecodedPacket());
                        ports.merge(d.dstPort, 1, Integer::sum);
                    });
                } catch (CaptureException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (int target : new int[] {9, 10}) {
                    byte[] payload = {1};
                    socket.send(new java.net.DatagramPacket(payload, 1, InetAddress.getLoopbackAddress(), target));
                }
                return ports.containsKey(9);
            });
            source.stop();
            capture.get();
            assertThat(ports).containsOnlyKeys(9);
        } finally {
            source.close();
        }
    }

    @Test
    void stopBreaksTheLoopOnAnIdleInterface() throws Exception {
        LiveInterfaceSource source = LiveInterfaceSource.open(lo("udp port 7"));
        CompletableFuture<Void> capture = CompletableFuture.runAsync(() -> {
            try {
                source.run((ts, link, orig, data, off, len, iface) -> { });
            } catch (CaptureException e) {
                throw new IllegalStateException(e);
            }
        });
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !capture.isDone());
        source.stop();
        capture.get(5, java.util.concurrent.TimeUnit.SECONDS);
        source.close();
    }

    @Test
    void unknownInterfaceIsNamedWithTheInterfacesThatExist() {
        assertThatThrownBy(() -> LiveInterfaceSource.open(
                new LiveCaptureSettings("nosuch0", "", 65_536, false, 1 << 20)))
                .isInstanceOf(CaptureException.class)
                .hasMessageStartingWith("no capture interface named 'nosuch0'; interfaces here: ")
                .hasMessageContaining("lo");
    }

    @Test
    void filterThatDoesNotCompileIsNamed() {
        assertThatThrownBy(() -> LiveInterfaceSource.open(lo("tcp port banana")))
                .isInstanceOf(CaptureException.class)
                .hasMessageStartingWith("BPF filter 'tcp port banana' does not compile for interface 'lo': ");
    }

    @Test
    void missingLibpcapIsNamedWithHowToInstallIt() {
        String previous = System.getProperty(Libpcap.LIBRARY_NAME_PROPERTY);
        System.setProperty(Libpcap.LIBRARY_NAME_PROPERTY, "pcap-that-is-not-installed");
        try {
            assertThatThrownBy(Libpcap::require)
                    .isInstanceOf(CaptureException.class)
                    .hasMessageContaining("live capture needs libpcap")
                    .hasMessageContaining("'pcap-that-is-not-installed' could not be loaded")
                    .hasMessageContaining("apt-get install libpcap0.8");
        } finally {
            if (previous == null) {
                System.clearProperty(Libpcap.LIBRARY_NAME_PROPERTY);
            } else {
                System.setProperty(Libpcap.LIBRARY_NAME_PROPERTY, previous);
            }
        }
    }
}
