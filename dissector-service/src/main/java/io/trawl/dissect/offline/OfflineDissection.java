package io.trawl.dissect.offline;

import io.trawl.dissect.detect.DissectorRegistry;
import io.trawl.dissect.flow.DissectionStats;
import io.trawl.dissect.flow.FlowSettings;
import io.trawl.dissect.flow.FlowTable;
import io.trawl.dissect.item.DissectorLimits;
import io.trawl.pcap.CaptureFileException;
import io.trawl.pcap.CaptureFileReader;
import io.trawl.pcap.FilePacket;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A capture file in, one item JSON per line out: the same flow table and dissectors as the service, without
 * Kafka. On a damaged file, everything before the damage is dissected (open conversations are closed and
 * emitted) and the result carries the error.
 */
public final class OfflineDissection {

    /**
     * What a run did.
     *
     * @param error the file's damage, or null when it was read to its end
     */
    public record Result(long packets, long items, Map<String, Long> itemsByProtocol, DissectionStats stats,
                         Duration elapsed, String error) {
    }

    private final DissectorRegistry registry;
    private final FlowSettings flows;
    private final DissectorLimits limits;
    private final boolean writerThread;

    /** A dissection that writes the JSON in the dissecting thread. */
    public OfflineDissection(DissectorRegistry registry, FlowSettings flows, DissectorLimits limits) {
        this(registry, flows, limits, false);
    }

    /**
     * @param writerThread whether the JSON is written on a second thread while this one dissects (same bytes,
     *                     same order; worth it with a second core)
     */
    public OfflineDissection(DissectorRegistry registry, FlowSettings flows, DissectorLimits limits,
                             boolean writerThread) {
        this.registry = registry;
        this.flows = flows;
        this.limits = limits;
        this.writerThread = writerThread;
    }

    /**
     * Dissects {@code file}, writing items to {@code out} (not closed, flushed at the end).
     *
     * @throws CaptureFileException when the file cannot be opened at all (missing, not a capture)
     */
    public Result run(Path file, OutputStream out, String node) throws CaptureFileException {
        long started = System.nanoTime();
        DissectionStats stats = new DissectionStats();
        Map<String, Long> byProtocol = new TreeMap<>();
        long[] items = {0};
        String error = null;
        CaptureFileReader opened = CaptureFileReader.open(file);
        ItemLineWriter writer = writerThread ? new BackgroundItemWriter(out) : ItemLineWriter.direct(out);
        try {
            FlowTable table = new FlowTable(flows, registry, limits, (key, item) -> {
                writer.write(item);
                items[0]++;
                byProtocol.merge(item.protocol().name(), 1L, Long::sum);
            }, stats);
            try (CaptureFileReader reader = opened) {
                FilePacket p = new FilePacket();
                while (reader.next(p)) {
                    table.packet(p.timestampNanos, p.linkType, p.buffer, p.offset, p.length, node);
                }
            } catch (CaptureFileException e) {
                error = e.getMessage();
            } catch (IOException e) {
                error = file + ": " + e.getMessage();
            }
            table.closeAll("end of capture");
            writer.finish();
        } finally {
            writer.stop();
        }
        return new Result(stats.packets(), items[0], byProtocol, stats, Duration.ofNanos(System.nanoTime() - started),
                error);
    }
}
