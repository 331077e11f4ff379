package io.trawl.capture.publish;

import io.trawl.capture.source.PacketSink;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.flow.FlowKey;
import io.trawl.model.packet.PacketRecordCodec;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Publishes packets to {@code trawl.packets}: one record per packet, keyed by its canonical flow key, with the
 * capture time as the Kafka timestamp so that a time window can be found with {@code offsetsForTimes}.
 *
 * <p>Not thread-safe: one publisher per source thread. Sends are asynchronous; failures are counted and the
 * last one kept, never thrown at the capture loop.
 */
public final class PacketPublisher implements PacketSink {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Function<String, PacketRecordCodec.Encoder> encoders;
    private final PublishListener listener;
    private final DecodedPacket decoded = new DecodedPacket();
    private final Map<String, PacketRecordCodec.Encoder> encoderByInterface = new HashMap<>();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<Exception> lastFailure = new AtomicReference<>();
    private final Callback callback;
    private long published;
    private long bytes;

    /** Told about each packet sent and each send that failed; used for metrics. */
    public interface PublishListener {
        void sent(int capturedBytes);

        void failed(Exception e);

        PublishListener NONE = new PublishListener() {
            @Override
            public void sent(int capturedBytes) {
            }

            @Override
            public void failed(Exception e) {
            }
        };
    }

    public PacketPublisher(Producer<byte[], byte[]> producer, String topic, String node, PublishListener listener) {
        this.producer = producer;
        this.topic = topic;
        this.encoders = iface -> PacketRecordCodec.encoderFor(node, iface);
        this.listener = listener;
        this.callback = this::completed;
    }

    @Override
    public void accept(long timestampNanos, int linkType, int originalLength, byte[] data, int offset, int length,
                       String iface) {
        PacketRecordCodec.Encoder encoder = encoderByInterface.computeIfAbsent(iface, encoders);
        byte[] value = encoder.encode(timestampNanos, linkType, originalLength, data, offset, length);
        byte[] key = FlowKey.encode(PacketDecoder.decode(linkType, data, offset, length, decoded));
        producer.send(new ProducerRecord<>(topic, null, Math.floorDiv(timestampNanos, 1_000_000L), key, value),
                callback);
        published++;
        bytes += length;
        listener.sent(length);
    }

    private void completed(RecordMetadata metadata, Exception e) {
        if (e != null) {
            failed.increment();
            lastFailure.set(e);
            listener.failed(e);
        }
    }

    /** Waits until every packet handed over so far has been acknowledged or has failed. */
    public void flush() {
        producer.flush();
    }

    public long published() {
        return published;
    }

    public long publishedBytes() {
        return bytes;
    }

    public long failed() {
        return failed.sum();
    }

    /** The most recent send failure, or null. */
    public Exception lastFailure() {
        return lastFailure.get();
    }
}
