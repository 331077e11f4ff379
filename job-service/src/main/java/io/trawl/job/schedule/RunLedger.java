package io.trawl.job.schedule;

import io.trawl.model.job.JobFired;
import io.trawl.model.job.JobRegistration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The cluster's record of runs, in the database the replicas share: {@code job_state} holds each job's run count
 * (so that a {@code limit} holds across replicas and restarts), {@code job_runs} one row per fired tick.
 *
 * <p>{@link #fire} counts the run, records it and publishes the fire event in one transaction: a publish that
 * fails rolls the count back, so a failed publish does not use up a limited job's runs. The one gap: the
 * commit failing after Kafka accepted the event leaves a fired tick uncounted.
 *
 * <p>The count belongs to a job key and its script version: a registration from a newer script version starts
 * it again from 0; removing and re-adding a job within one script version keeps it.
 */
public final class RunLedger {

    /** What became of a tick this replica holds the lock for. */
    public enum Claim {
        /** Counted, recorded and published. */
        FIRED,
        /** The job has run {@code limit} times already; nothing published. */
        LIMIT_REACHED,
        /** A run for this job and scheduled time is already recorded (a lock that expired too early). */
        ALREADY_FIRED
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public RunLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Fires one run of {@code job} if its limit allows: counts it, records it, and publishes it through
     * {@code sink} before the transaction commits.
     *
     * @throws RuntimeException if the database or the sink failed; nothing is counted then
     */
    public Claim fire(JobRegistration job, long scheduledTime, long firedTime, String replica, boolean manual,
                      FireEventSink sink) {
        ensureState(job);
        return transactions.execute(status -> {
            int counted = job.limit() == 0
                    ? jdbc.update("UPDATE job_state SET run_count = run_count + 1, last_scheduled_time = ?,"
                            + " last_fired_time = ? WHERE job_key = ?", scheduledTime, firedTime, job.key())
                    : jdbc.update("UPDATE job_state SET run_count = run_count + 1, last_scheduled_time = ?,"
                            + " last_fired_time = ? WHERE job_key = ? AND run_count < ?",
                            scheduledTime, firedTime, job.key(), job.limit());
            if (counted == 0) {
                status.setRollbackOnly();
                return Claim.LIMIT_REACHED;
            }
            Long run = jdbc.queryForObject("SELECT run_count FROM job_state WHERE job_key = ?", Long.class, job.key());
            try {
                jdbc.update("INSERT INTO job_runs (job_key, scheduled_time, run, fired_time, fired_by, manual)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", job.key(), scheduledTime, run, firedTime, replica, manual);
            } catch (DuplicateKeyException e) {
                status.setRollbackOnly();
                return Claim.ALREADY_FIRED;
            }
            try {
                sink.publish(new JobFired(job.script(), job.tag(), scheduledTime, firedTime, run, manual));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot publish the fire event of " + job.key() + ": " + e.getMessage(),
                        e);
            }
            return Claim.FIRED;
        });
    }

    /**
     * Makes sure the job has a state row, and starts its count again when this registration comes from a newer
     * script version than the one counted. Outside the firing transaction: on PostgreSQL a failed insert would
     * abort it.
     */
    private void ensureState(JobRegistration job) {
        List<Integer> counted = jdbc.queryForList("SELECT script_version FROM job_state WHERE job_key = ?",
                Integer.class, job.key());
        if (counted.isEmpty()) {
            try {
                jdbc.update("INSERT INTO job_state (job_key, script_version, run_count) VALUES (?, ?, 0)",
                        job.key(), job.scriptVersion());
            } catch (DuplicateKeyException e) {
                // another replica's manual run made it first: it is there now
            }
        } else if (counted.getFirst() < job.scriptVersion()) {
            // conditional, so that a replica still holding the older registration never resets it twice
            jdbc.update("UPDATE job_state SET run_count = 0, script_version = ? WHERE job_key = ?"
                    + " AND script_version < ?", job.scriptVersion(), job.key(), job.scriptVersion());
        }
    }

    /** The runs counted for the job (0 if it never ran). */
    public long runCount(String jobKey) {
        return jdbc.query("SELECT run_count FROM job_state WHERE job_key = ?", rs -> rs.next() ? rs.getLong(1) : 0L,
                jobKey);
    }

    /**
     * Deletes tick locks that expired before {@code locksBefore} and runs scheduled before {@code runsBefore}.
     * Each tick has a lock row of its own, so without this the lock table grows by one row per tick.
     *
     * @return the rows deleted
     */
    public int prune(Instant locksBefore, Instant runsBefore) {
        // ShedLock writes lock times as UTC wall-clock times from the database's clock
        int locks = jdbc.update("DELETE FROM shedlock WHERE lock_until < ?",
                LocalDateTime.ofInstant(locksBefore, ZoneOffset.UTC));
        int runs = jdbc.update("DELETE FROM job_runs WHERE scheduled_time < ?", runsBefore.toEpochMilli());
        return locks + runs;
    }
}
