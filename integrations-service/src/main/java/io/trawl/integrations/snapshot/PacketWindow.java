package io.trawl.integrations.snapshot;

import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.packet.PacketRecord;
import io.trawl.model.packet.PacketRecordCodec;
import io.trawl.model.packet.PacketRecordFormatException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Reads the packets of a time window back from {@code trawl.packets}, in capture-time order across all of its
 * partitions.
 *
 * <p>The Kafka timestamp of a packet record is its capture time (in ms), set by capture-service; the record's own
 * nanosecond capture time decides whether a packet lies in the window. Packets of one capture node reach a
 * partition in capture order, but several nodes share partitions and publish in batches, so a partition is read
 * from {@code offsetsForTimes(from - grace)} until a record's timestamp passes {@code to + grace}, or up to the end
 * offset it had when reading started (what arrives later is not waited for). A dedicated consumer with no group is
 * assigned every partition, and the partitions' packets are merged by capture time as they arrive (a k-way
 * merge); a partition with 4 MiB of packets buffered is paused until the merge has used them, so memory stays
 * bounded by the partition count whatever the window's size.
 *
 * <p>Bounds: at most {@code maxPackets} packets and {@code maxBytes} captured bytes; past either, reading stops
 * and the result says the snapshot was cut (it keeps the earliest packets). Records that are not packet records
 * are skipped and counted. Packets no dissector understands are kept: a filter on flows, addresses or ports is the
 * only thing that drops packets (see {@link PacketFilter}).
 */
public final class PacketWindow {

    /** Takes the merged packets, in capture-time order. */
    public interface Sink {
        void accept(PacketRecord packet) throws IOException;
    }

    /** What a read found. {@code cutBy} is null, {@code max-packets} or {@code max-bytes}. */
    public record Result(long packets, long capturedBytes, String cutBy, long unreadableRecords) {
        public boolean truncated() {
            return cutBy != null;
        }
    }

    /** Captured bytes buffered per partition before it is paused; it resumes below half of this. */
    static final long BUFFERED_BYTES_PER_PARTITION = 4L << 20;
    private static final Duration POLL = Duration.ofMillis(200);

    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final String topic;
    private final Duration grace;
    private final Duration timeout;
    private final long maxPackets;
    private final long maxBytes;
    private final long bufferedBytesPerPartition;

    /**
     * The configuration of a window's consumer: no group (it is assigned partitions and commits nothing), and a
     * short fetch wait, since a read ends with partitions paused and closing waits for fetches in flight.
     */
    public static Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "trawl-integrations-snapshots",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    }

    /**
     * @param consumers makes a consumer of {@link #consumerConfig} with byte-array deserializers, one per read
     * @param timeout   how long one read may take
     */
    public PacketWindow(Supplier<Consumer<byte[], byte[]>> consumers, String topic, Duration grace, Duration timeout,
                        long maxPackets, long maxBytes) {
        this(consumers, topic, grace, timeout, maxPackets, maxBytes, BUFFERED_BYTES_PER_PARTITION);
    }

    /** @param bufferedBytesPerPartition captured bytes buffered per partition before it is paused */
    PacketWindow(Supplier<Consumer<byte[], byte[]>> consumers, String topic, Duration grace, Duration timeout,
                 long maxPackets, long maxBytes, long bufferedBytesPerPartition) {
        this.bufferedBytesPerPartition = bufferedBytesPerPartition;
        this.consumers = consumers;
        this.topic = topic;
        this.grace = grace;
        this.timeout = timeout;
        this.maxPackets = maxPackets;
        this.maxBytes = maxBytes;
    }

    /**
     * Hands {@code sink} every packet captured in [{@code from}, {@code to}] (to the millisecond, both included)
     * that passes {@code filter}.
     *
     * @throws TimeoutException      when the read took longer than the timeout
     * @throws IllegalStateException when {@code trawl.packets} does not exist
     */
    public Result read(Instant from, Instant to, PacketFilter filter, Sink sink)
            throws IOException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Consumer<byte[], byte[]> consumer = consumers.get()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist: no packet was ever captured"
                        + " with this topic prefix (trawl.kafka.topic-prefix)");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Merge merge = new Merge(filter, from, to, sink);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, Math.max(0, from.toEpochMilli() - grace.toMillis())));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, timeout);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp start = starts.get(p);
                long end = ends.getOrDefault(p, 0L);
                if (start != null && start.offset() < end) {
                    consumer.seek(p, start.offset());
                    merge.open(p, end);
                }
            }
            consumer.pause(partitions.stream().filter(p -> !merge.isOpen(p)).toList());
            long lastRecordTime = to.toEpochMilli() + grace.toMillis();
            while (!merge.done()) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + topic + " for the window " + from + " to " + to
                            + " took longer than " + timeout + " (trawl.integrations.evidence.read-timeout)");
                }
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
                for (TopicPartition p : polled.partitions()) {
                    if (!merge.isOpen(p)) {
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : polled.records(p)) {
                        if (record.timestamp() > lastRecordTime) {
                            merge.close(p);
                            consumer.pause(List.of(p));
                            break;
                        }
                        merge.offer(p, record.value());
                    }
                }
                merge.closeAtEnd(consumer);
                merge.emitReady();
                merge.adjustPauses(consumer);
            }
            return merge.result();
        }
    }

    /** The per-partition buffers and the k-way merge over them. */
    private final class Merge {
        private final PacketFilter filter;
        private final long fromNanos;
        private final long toNanosExclusive;
        private final Sink sink;
        private final DecodedPacket decoded = new DecodedPacket();
        private final Map<TopicPartition, Buffer> buffers = new HashMap<>();
        private long packets;
        private long bytes;
        private long unreadable;
        private String cutBy;

        private static final class Buffer {
            final ArrayDeque<PacketRecord> packets = new ArrayDeque<>();
            final long end;
            long bytes;
            boolean open = true;
            boolean paused;

            Buffer(long end) {
                this.end = end;
            }
        }

        Merge(PacketFilter filter, Instant from, Instant to, Sink sink) {
            this.filter = filter;
            this.fromNanos = from.toEpochMilli() * 1_000_000L;
            this.toNanosExclusive = (to.toEpochMilli() + 1) * 1_000_000L;
            this.sink = sink;
        }

        void open(TopicPartition p, long end) {
            buffers.put(p, new Buffer(end));
        }

        boolean isOpen(TopicPartition p) {
            Buffer b = buffers.get(p);
            return b != null && b.open;
        }

        void close(TopicPartition p) {
            buffers.get(p).open = false;
        }

        void offer(TopicPartition p, byte[] value) {
            PacketRecord packet;
            try {
                packet = PacketRecordCodec.decode(value);
            } catch (PacketRecordFormatException e) {
                unreadable++;
                return;
            }
            if (packet.timestampNanos() < fromNanos || packet.timestampNanos() >= toNanosExclusive) {
                return;
            }
            if (!filter.isEmpty() && !filter.matches(PacketDecoder.decode(packet.linkType(), packet.data(), decoded))) {
                return;
            }
            Buffer buffer = buffers.get(p);
            buffer.packets.add(packet);
            buffer.bytes += packet.capturedLength();
        }

        /**
         * Emits the earliest buffered packet while every partition that may still deliver has one buffered:
         * only then is the earliest of them the earliest still to come.
         */
        void emitReady() throws IOException {
            while (cutBy == null) {
                Buffer earliest = null;
                for (Buffer b : buffers.values()) {
                    if (b.packets.isEmpty()) {
                        if (b.open) {
                            return;
                        }
                    } else if (earliest == null
                            || b.packets.peek().timestampNanos() < earliest.packets.peek().timestampNanos()) {
                        earliest = b;
                    }
                }
                if (earliest == null) {
                    return;
                }
                PacketRecord next = earliest.packets.peek();
                if (packets + 1 > maxPackets) {
                    cutBy = "max-packets";
                } else if (bytes + next.capturedLength() > maxBytes) {
                    cutBy = "max-bytes";
                } else {
                    earliest.packets.poll();
                    earliest.bytes -= next.capturedLength();
                    sink.accept(next);
                    packets++;
                    bytes += next.capturedLength();
                }
            }
        }

        boolean done() {
            return cutBy != null || buffers.values().stream().allMatch(b -> !b.open && b.packets.isEmpty());
        }

        /** Closes the open partitions read up to the end offset they had at the start. */
        void closeAtEnd(Consumer<byte[], byte[]> consumer) {
            for (Map.Entry<TopicPartition, Buffer> e : buffers.entrySet()) {
                if (e.getValue().open && consumer.position(e.getKey()) >= e.getValue().end) {
                    close(e.getKey());
                    consumer.pause(List.of(e.getKey()));
                }
            }
        }

        /** Pauses open partitions whose buffer is full; resumes those the merge has used up. */
        void adjustPauses(Consumer<byte[], byte[]> consumer) {
            for (Map.Entry<TopicPartition, Buffer> e : buffers.entrySet()) {
                Buffer b = e.getValue();
                if (b.open && !b.paused && b.bytes >= bufferedBytesPerPartition) {
                    b.paused = true;
                    consumer.pause(List.of(e.getKey()));
                } else if (b.open && b.paused && b.bytes < bufferedBytesPerPartition / 2) {
                    b.paused = false;
                    consumer.resume(List.of(e.getKey()));
                }
            }
        }

        Result result() {
            return new Result(packets, bytes, cutBy, unreadable);
        }
    }
}
