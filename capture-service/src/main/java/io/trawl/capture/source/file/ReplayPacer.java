package io.trawl.capture.source.file;

/**
 * Spaces out replayed packets so that they arrive at their recorded pace times a speed factor; a speed of 0
 * replays as fast as possible.
 */
final class ReplayPacer {

    private final double speed;
    private long firstPacketNanos = Long.MIN_VALUE;
    private long startedAt;

    ReplayPacer(double speed) {
        if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("replay speed " + speed + " must be 0 (as fast as possible) or positive");
        }
        this.speed = speed;
    }

    /** Restarts the clock, for a replay loop starting over. */
    void restart() {
        firstPacketNanos = Long.MIN_VALUE;
    }

    /** Waits until the packet captured at {@code timestampNanos} is due. */
    void await(long timestampNanos) throws InterruptedException {
        if (speed == 0) {
            return;
        }
        if (firstPacketNanos == Long.MIN_VALUE) {
            firstPacketNanos = timestampNanos;
            startedAt = System.nanoTime();
            return;
        }
        long due = startedAt + (long) ((timestampNanos - firstPacketNanos) / speed);
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
