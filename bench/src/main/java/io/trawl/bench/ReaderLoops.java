package io.trawl.bench;

import io.trawl.pcap.CaptureFileException;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;
import io.trawl.model.decode.DecodedPacket;
import io.trawl.model.decode.PacketDecoder;
import io.trawl.model.flow.FlowKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The loops being measured: Trawl's capture-file reader alone, and the reader followed by the allocation-free
 * L2-L4 decode and the flow-key encoding that {@code PacketPublisher} does for every packet. Each loop folds
 * what it saw into a checksum so that the JIT cannot drop any of the work.
 */
public final class ReaderLoops {

    private ReaderLoops() {
    }

    /** What one pass over a file saw. */
    public record Pass(long packets, long bytes, long checksum) {

        /**
         * Checks that another pass or process over the same file saw as many packets as this one, so that no timed
         * run counts a rate over work it did not do.
         */
        public void check(long seen, String what) {
            if (seen != packets) {
                throw new IllegalStateException(what + " saw " + seen + " packets, expected " + packets);
            }
        }
    }

    /** {@code CaptureFileReader.open(file)} and {@code next(FilePacket)} until the end. */
    public static Pass read(Path file) {
        long packets = 0;
        long bytes = 0;
        long checksum = 0;
        FilePacket p = new FilePacket();
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            while (reader.next(p)) {
                packets++;
                bytes += p.length;
                checksum += p.timestampNanos ^ p.buffer[p.offset];
            }
        } catch (CaptureFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Pass(packets, bytes, checksum);
    }

    /** The read loop plus {@code PacketDecoder.decode} and {@code FlowKey.encode} for each packet. */
    public static Pass readDecodeKey(Path file) {
        long packets = 0;
        long bytes = 0;
        long checksum = 0;
        FilePacket p = new FilePacket();
        DecodedPacket decoded = new DecodedPacket();
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            while (reader.next(p)) {
                packets++;
                bytes += p.length;
                byte[] key = FlowKey.encode(PacketDecoder.decode(p.linkType, p.buffer, p.offset, p.length, decoded));
                checksum += key.length + key[key.length - 1] + decoded.payloadLength;
            }
        } catch (CaptureFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Pass(packets, bytes, checksum);
    }
}
