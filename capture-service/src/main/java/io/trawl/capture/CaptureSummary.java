package io.trawl.capture;

import java.time.Duration;

/**
 * What one capture run did.
 *
 * @param error why the run stopped early, or null when the source ended or was stopped
 */
public record CaptureSummary(String source, long packets, long bytes, long publishFailures, long kernelDrops,
                             long interfaceDrops, Duration elapsed, String error) {

    public boolean succeeded() {
        return error == null && publishFailures == 0;
    }

    public double packetsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? packets / seconds : 0;
    }

    /** One line for a terminal. */
    public String describe(String topic, String bootstrap) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("published %,d packets (%,d bytes) from %s to %s at %s in %.2f s (%,.0f packets/s)",
                packets, bytes, source, topic, bootstrap, elapsed.toNanos() / 1e9, packetsPerSecond()));
        if (kernelDrops > 0 || interfaceDrops > 0) {
            s.append(String.format("; dropped %,d in the kernel and %,d at the interface", kernelDrops,
                    interfaceDrops));
        }
        if (publishFailures > 0) {
            s.append(String.format("; %,d sends FAILED", publishFailures));
        }
        return s.toString();
    }
}
