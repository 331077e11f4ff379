package io.trawl.capture.source.live;

/**
 * How to open a live interface.
 *
 * @param interfaceName the interface, e.g. {@code eth0} or {@code lo}
 * @param filter        a BPF expression in tcpdump syntax, or empty for every packet
 * @param snapLength    bytes kept of each packet
 * @param promiscuous   whether to ask the interface for traffic not addressed to this host
 * @param bufferBytes   the kernel capture buffer; larger absorbs bursts before the kernel drops
 */
public record LiveCaptureSettings(String interfaceName, String filter, int snapLength, boolean promiscuous,
                                  int bufferBytes) {

    public LiveCaptureSettings {
        if (interfaceName == null || interfaceName.isBlank()) {
            throw new IllegalArgumentException("an interface name is required for live capture");
        }
        if (snapLength < 64 || snapLength > 262_144) {
            throw new IllegalArgumentException("snap length " + snapLength + " is outside 64..262144 bytes");
        }
        if (bufferBytes < 65_536) {
            throw new IllegalArgumentException("capture buffer of " + bufferBytes + " bytes is below 64 KiB");
        }
        filter = filter == null ? "" : filter.trim();
    }
}
