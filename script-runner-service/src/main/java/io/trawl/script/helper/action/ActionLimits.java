package io.trawl.script.helper.action;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on what one script may ask of integrations-service, so that a hook calling {@code vendor.slack} in a loop
 * cannot flood {@code trawl.actions} (or Slack).
 *
 * @param perMinute         actions one script may publish per minute on one runner replica, all helpers together;
 *                          up to this many at once, then one every {@code 60 s / perMinute}
 * @param maxSnapshotWindow the longest time window one {@code pcap.snapshot} may ask for
 * @param maxParamsBytes    the largest {@code params} object of one action, in bytes of JSON: Kafka refuses records
 *                          over its {@code max.request.size} (1 MiB by default), envelope included
 */
public record ActionLimits(int perMinute, Duration maxSnapshotWindow, int maxParamsBytes) {

    public ActionLimits {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, was " + perMinute);
        }
        Objects.requireNonNull(maxSnapshotWindow, "maxSnapshotWindow");
        if (maxSnapshotWindow.toMillis() < 1) {
            throw new IllegalArgumentException("maxSnapshotWindow must be at least 1 ms, was " + maxSnapshotWindow);
        }
        if (maxParamsBytes < 1024 || maxParamsBytes > 900 * 1024) {
            throw new IllegalArgumentException("maxParamsBytes must be between 1 KiB and 900 KiB (Kafka's default "
                    + "record limit is 1 MiB), was " + maxParamsBytes);
        }
    }

    /** 600 actions per minute per script, snapshots of at most 10 minutes, params of at most 512 KiB. */
    public static ActionLimits defaults() {
        return new ActionLimits(600, Duration.ofMinutes(10), 512 * 1024);
    }
}
