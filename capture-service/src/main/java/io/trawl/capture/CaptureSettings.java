package io.trawl.capture;

import io.trawl.capture.source.CaptureException;
import io.trawl.capture.source.PacketSource;
import io.trawl.capture.source.file.CaptureFileSource;
import io.trawl.capture.source.live.LiveCaptureSettings;
import io.trawl.capture.source.live.LiveInterfaceSource;
import io.trawl.service.NodeName;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * What capture-service captures ({@code trawl.capture.*}): exactly one of a capture file or a live interface.
 *
 * @param pcap          a pcap or pcapng file to replay
 * @param interfaceName a network interface to capture live
 * @param filter        BPF filter for live capture (tcpdump syntax)
 * @param snapLength    bytes kept per packet, live
 * @param promiscuous   promiscuous mode, live
 * @param bufferBytes   kernel capture buffer, live
 * @param speed         file replay speed: 0 as fast as possible, 1 recorded pace, 2 twice as fast, ...
 * @param loop          replay the file again and again
 * @param retime        shift replayed capture times to now
 * @param node          the node name written into every packet record; defaults to $NODE_NAME, then the host name
 * @param exitWhenDone  stop the service when a file replay ends
 */
@ConfigurationProperties("trawl.capture")
public record CaptureSettings(
        // a String, not a Path: Spring would resolve a Path as a resource location and mangle "../x.pcap"
        String pcap,
        String interfaceName,
        @DefaultValue("") String filter,
        @DefaultValue("262144") int snapLength,
        @DefaultValue("true") boolean promiscuous,
        @DefaultValue("16777216") int bufferBytes,
        @DefaultValue("0") double speed,
        @DefaultValue("false") boolean loop,
        @DefaultValue("false") boolean retime,
        String node,
        @DefaultValue("true") boolean exitWhenDone) {

    public CaptureSettings {
        boolean hasFile = pcap != null && !pcap.isBlank();
        boolean hasInterface = interfaceName != null && !interfaceName.isBlank();
        if (hasFile == hasInterface) {
            throw new IllegalArgumentException(hasFile
                    ? "set only one of trawl.capture.pcap and trawl.capture.interface-name, not both"
                    : "set trawl.capture.pcap (a capture file) or trawl.capture.interface-name (a live interface)");
        }
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("trawl.capture.speed is " + speed
                    + "; use 0 for as fast as possible or a positive factor of the recorded pace");
        }
        if (node == null || node.isBlank()) {
            node = NodeName.resolve();
        }
    }

    /** A file replay at full speed, once: what {@code ./trawl capture --pcap} does. */
    public static CaptureSettings forFile(Path pcap, double speed, boolean loop, String node) {
        return new CaptureSettings(pcap.toString(), null, "", 262_144, true, 16 << 20, speed, loop, loop, node, true);
    }

    public static CaptureSettings forInterface(String name, String filter, int snapLength, boolean promiscuous,
                                               int bufferBytes, String node) {
        return new CaptureSettings(null, name, filter, snapLength, promiscuous, bufferBytes, 0, false, false, node,
                false);
    }

    public boolean isFile() {
        return pcap != null && !pcap.isBlank();
    }

    /** The capture file, or null for live capture. */
    public Path pcapFile() {
        return isFile() ? Path.of(pcap) : null;
    }

    /** Opens the configured source; every configuration error surfaces here. */
    public PacketSource openSource() throws CaptureException {
        if (isFile()) {
            return CaptureFileSource.open(pcapFile(), speed, loop, retime);
        }
        return LiveInterfaceSource.open(new LiveCaptureSettings(interfaceName, filter, snapLength, promiscuous,
                bufferBytes));
    }
}
