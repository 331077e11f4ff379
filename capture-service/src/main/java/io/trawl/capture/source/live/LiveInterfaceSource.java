package io.trawl.capture.source.live;

import io.trawl.capture.source.CaptureException;
import io.trawl.capture.source.PacketSink;
import io.trawl.capture.source.PacketSource;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;

import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Captures from a network interface through libpcap (via pcap4j), with a BPF filter, snap length,
 * promiscuous mode and kernel buffer size. Runs {@code pcap_loop} on the caller's thread; {@link #stop()}
 * breaks the loop from any thread (a blocking read on an idle interface would never return otherwise).
 */
public final class LiveInterfaceSource implements PacketSource {

    private static final long STATS_INTERVAL_NANOS = 1_000_000_000L;

    private final LiveCaptureSettings settings;
    private volatile PcapHandle handle;
    private volatile boolean stopped;
    private volatile long kernelDrops;
    private volatile long interfaceDrops;
    private long lastStatsAt;

    private LiveInterfaceSource(LiveCaptureSettings settings, PcapHandle handle) {
        this.settings = settings;
        this.handle = handle;
    }

    /**
     * Opens the interface and compiles the filter, so that every configuration error surfaces here, before
     * anything is published.
     */
    public static LiveInterfaceSource open(LiveCaptureSettings settings) throws CaptureException {
        Libpcap.require();
        String name = settings.interfaceName();
        PcapNetworkInterface nif;
        try {
            nif = Pcaps.getDevByName(name);
        } catch (PcapNativeException e) {
            throw classify(name, e);
        }
        if (nif == null) {
            throw new CaptureException("no capture interface named '" + name + "'; interfaces here: "
                    + availableInterfaces());
        }
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(name)
                    .snaplen(settings.snapLength())
                    .promiscuousMode(settings.promiscuous()
                            ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .bufferSize(settings.bufferBytes())
                    .timeoutMillis(100)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .build();
        } catch (PcapNativeException e) {
            throw classify(name, e);
        }
        if (!settings.filter().isEmpty()) {
            try {
                handle.setFilter(settings.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
            } catch (PcapNativeException | NotOpenException e) {
                handle.close();
                throw new CaptureException("BPF filter '" + settings.filter() + "' does not compile for interface '"
                        + name + "': " + e.getMessage());
            }
        }
        return new LiveInterfaceSource(settings, handle);
    }

    private static CaptureException classify(String name, PcapNativeException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("permission") || lower.contains("not permitted")) {
            return new CaptureException("no permission to capture on '" + name + "': run as root, or give the"
                    + " process CAP_NET_RAW and CAP_NET_ADMIN (libpcap said: " + message + ")", e);
        }
        if (lower.contains("no such device") || lower.contains("doesn't exist")) {
            return new CaptureException("no capture interface named '" + name + "'; interfaces here: "
                    + availableInterfaces() + " (libpcap said: " + message + ")", e);
        }
        return new CaptureException("cannot open interface '" + name + "' for capture: " + message, e);
    }

    private static String availableInterfaces() {
        try {
            List<PcapNetworkInterface> all = Pcaps.findAllDevs();
            return all.stream().map(PcapNetworkInterface::getName).collect(Collectors.joining(", "));
        } catch (PcapNativeException e) {
            return "(the list is unavailable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String name() {
        return settings.interfaceName();
    }

    public int linkType() {
        return handle.getDlt().value();
    }

    @Override
    public void run(PacketSink sink) throws CaptureException {
        PcapHandle h = handle;
        int linkType = h.getDlt().value();
        String iface = settings.interfaceName();
        RawPacketListener listener = bytes -> {
            Timestamp ts = h.getTimestamp();
            long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
            sink.accept(nanos, linkType, Math.max(h.getOriginalLength(), bytes.length), bytes, 0, bytes.length, iface);
            long now = System.nanoTime();
            if (now - lastStatsAt > STATS_INTERVAL_NANOS) {
                lastStatsAt = now;
                readStats(h);
            }
        };
        try {
            lastStatsAt = System.nanoTime();
            if (!stopped) {
                h.loop(-1, listener);
            }
        } catch (InterruptedException e) {
            // breakLoop() from stop(): a normal end
        } catch (PcapNativeException | NotOpenException e) {
            if (!stopped) {
                throw new CaptureException("capture on '" + iface + "' failed: " + e.getMessage(), e);
            }
        } finally {
            readStats(h);
        }
    }

    private void readStats(PcapHandle h) {
        try {
            PcapStat stat = h.getStats();
            kernelDrops = stat.getNumPacketsDropped();
            interfaceDrops = stat.getNumPacketsDroppedByIf();
        } catch (PcapNativeException | NotOpenException e) {
            // statistics are best effort; the counters keep their last values
        }
    }

    @Override
    public long kernelDrops() {
        return kernelDrops;
    }

    @Override
    public long interfaceDrops() {
        return interfaceDrops;
    }

    @Override
    public void stop() {
        stopped = true;
        PcapHandle h = handle;
        if (h != null && h.isOpen()) {
            try {
                h.breakLoop();
            } catch (NotOpenException e) {
                // already closed: nothing to break
            }
        }
    }

    @Override
    public void close() {
        PcapHandle h = handle;
        if (h != null && h.isOpen()) {
            h.close();
        }
    }
}
