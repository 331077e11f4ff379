package io.trawl.capture;

import io.trawl.capture.publish.PacketPublisher;
import io.trawl.capture.source.CaptureException;
import io.trawl.capture.source.PacketSource;

import java.time.Duration;

/**
 * Runs one packet source into one publisher until the source ends or is stopped, then waits for Kafka to
 * acknowledge what was sent. The same class serves the service and the command line.
 */
public final class CaptureRun {

    private final PacketSource source;
    private final PacketPublisher publisher;
    private volatile boolean running;

    public CaptureRun(PacketSource source, PacketPublisher publisher) {
        this.source = source;
        this.publisher = publisher;
    }

    public CaptureSummary run() {
        running = true;
        long started = System.nanoTime();
        String error = null;
        try {
            source.run(publisher);
        } catch (CaptureException e) {
            error = e.getMessage();
        } finally {
            publisher.flush();
            running = false;
        }
        Exception failure = publisher.lastFailure();
        if (error == null && failure != null) {
            error = "Kafka did not acknowledge " + publisher.failed() + " packets; last error: " + failure.getMessage();
        }
        return new CaptureSummary(source.name(), publisher.published(), publisher.publishedBytes(),
                publisher.failed(), source.kernelDrops(), source.interfaceDrops(),
                Duration.ofNanos(System.nanoTime() - started), error);
    }

    public boolean running() {
        return running;
    }

    public void stop() {
        source.stop();
    }

    public PacketSource source() {
        return source;
    }

    public PacketPublisher publisher() {
        return publisher;
    }
}
