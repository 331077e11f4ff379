package io.trawl.capture.source.file;

import io.trawl.capture.source.CaptureException;
import io.trawl.capture.source.PacketSink;
import io.trawl.capture.source.PacketSource;

import io.trawl.pcap.CaptureFileException;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Replays a pcap or pcapng file, as fast as possible or at its recorded pace times a speed factor, once or in
 * a loop. With {@code retime}, capture times are shifted so the replay looks captured now (a looped replay
 * then yields fresh, increasing timestamps rather than the same hour over and over).
 *
 * <p>The interface of each packet is the pcapng {@code if_name} where the file has one, else {@code file}.
 */
public final class CaptureFileSource implements PacketSource {

    /** The interface name given to packets whose file does not name one. */
    public static final String FILE_INTERFACE = "file";

    private final Path file;
    private final double speed;
    private final boolean loop;
    private final boolean retime;
    private volatile boolean stopped;
    private volatile long packetsRead;

    /**
     * A source for {@code file}, checked now: a missing file or one that is not a capture fails here, before
     * anything else starts.
     */
    public static CaptureFileSource open(Path file, double speed, boolean loop, boolean retime)
            throws CaptureException {
        try (CaptureFileReader reader = CaptureFileReader.open(file)) {
            reader.format();
        } catch (IOException e) {
            throw new CaptureException(e.getMessage(), e);
        }
        try {
            return new CaptureFileSource(file, speed, loop, retime);
        } catch (IllegalArgumentException e) {
            throw new CaptureException(e.getMessage(), e);
        }
    }

    public CaptureFileSource(Path file, double speed, boolean loop, boolean retime) {
        this.file = file;
        this.speed = speed;
        this.loop = loop;
        this.retime = retime;
        new ReplayPacer(speed); // validates the speed before anything runs
    }

    @Override
    public String name() {
        return "file";
    }

    public Path file() {
        return file;
    }

    public long packetsRead() {
        return packetsRead;
    }

    @Override
    public void run(PacketSink sink) throws CaptureException {
        ReplayPacer pacer = new ReplayPacer(speed);
        FilePacket p = new FilePacket();
        long shift = 0;
        long lastEmitted = Long.MIN_VALUE;
        do {
            boolean first = true;
            pacer.restart();
            try (CaptureFileReader reader = CaptureFileReader.open(file)) {
                while (!stopped && reader.next(p)) {
                    if (retime && first) {
                        shift = Math.max(System.currentTimeMillis() * 1_000_000L, lastEmitted + 1) - p.timestampNanos;
                    }
                    first = false;
                    pacer.await(p.timestampNanos);
                    long timestamp = p.timestampNanos + shift;
                    lastEmitted = timestamp;
                    sink.accept(timestamp, p.linkType, p.originalLength, p.buffer, p.offset, p.length,
                            p.interfaceName != null ? p.interfaceName : FILE_INTERFACE);
                    packetsRead++;
                }
                if (first && loop && !stopped) {
                    throw new CaptureException(file + ": holds no packets, so there is nothing to replay in a loop");
                }
            } catch (CaptureFileException e) {
                throw new CaptureException(e.getMessage(), e);
            } catch (IOException e) {
                throw new CaptureException(file + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        } while (loop && !stopped);
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
