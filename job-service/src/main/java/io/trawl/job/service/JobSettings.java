package io.trawl.job.service;

import io.trawl.job.schedule.SchedulePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * job-service's scheduling ({@code trawl.job.*}); validated when the service starts, with messages that name the
 * property.
 *
 * @param replica          this replica's name in locks and run history; empty: host name and process id
 * @param zone             the time zone cron fields are read in, the same on every replica
 * @param poll             how often new registrations are looked for when no tick is due sooner
 * @param misfireThreshold the latest a tick is still fired; later ones are skipped (see the README)
 * @param lockHold         how long each tick's lock is held; at least twice the misfire threshold
 * @param historyRetention how long fired runs stay in {@code job_runs}
 * @param resultGroup      the consumer group the replicas share to record results from {@code trawl.jobs.results}
 */
@ConfigurationProperties("trawl.job")
public record JobSettings(
        @DefaultValue("") String replica,
        @DefaultValue("UTC") String zone,
        @DefaultValue("250ms") Duration poll,
        @DefaultValue("5s") Duration misfireThreshold,
        @DefaultValue("60s") Duration lockHold,
        @DefaultValue("7d") Duration historyRetention,
        @DefaultValue("trawl-job-results") String resultGroup) {

    public JobSettings {
        if (historyRetention.isNegative() || historyRetention.isZero()) {
            throw new IllegalArgumentException("trawl.job.history-retention must be positive, was " + historyRetention);
        }
    }

    public SchedulePolicy policy() {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("trawl.job.zone '" + zone + "' is not a time zone: " + e.getMessage(), e);
        }
        try {
            return new SchedulePolicy(poll, misfireThreshold, lockHold, zoneId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trawl.job (poll, misfire-threshold, lock-hold): " + e.getMessage(), e);
        }
    }

    public String replicaName() {
        if (!replica.isBlank()) {
            return replica;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "job-service-" + ProcessHandle.current().pid();
        }
    }
}
