package io.trawl.job.history;

import io.trawl.model.job.JobResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the cluster knows of its jobs' runs, in the database the replicas share: the results runners report
 * ({@link #record}), and the state and recent runs the API shows.
 *
 * <p>A result updates its run's row in {@code job_runs} and its job's latest result and counts in
 * {@code job_state}. A result whose run is not recorded (a {@code jobs.run(tag)} from the script, which goes to
 * the runners directly, or a run already pruned) adds a row. Recording the same result twice (Kafka delivers at
 * least once) leaves the counts as they were.
 */
public final class JobHistory {

    /** Longest error message kept; longer ones are cut, with an ellipsis. */
    static final int MAX_ERROR = 2000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public JobHistory(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** @return false when this result was recorded before (nothing changed) */
    public boolean record(JobResult result) {
        String outcome = result.passed() ? "passed" : "failed";
        String error = cut(result.error());
        ensureState(result.key());
        ensureRun(result);
        Boolean recorded = transactions.execute(status -> {
            int updated = jdbc.update("UPDATE job_runs SET outcome = ?, error = ?, started_time = ?, duration_ms = ?,"
                    + " node = ? WHERE job_key = ? AND scheduled_time = ? AND outcome IS NULL", outcome, error,
                    result.startedTime(), result.durationMillis(), result.node(), result.key(),
                    result.scheduledTime());
            if (updated == 0) {
                return false;
            }
            jdbc.update("UPDATE job_state SET passed_count = passed_count + ?, failed_count = failed_count + ?"
                    + " WHERE job_key = ?", result.passed() ? 1 : 0, result.passed() ? 0 : 1, result.key());
            // results may arrive out of order: the latest run's stays
            jdbc.update("UPDATE job_state SET last_outcome = ?, last_started_time = ?, last_duration_ms = ?"
                    + " WHERE job_key = ? AND (last_started_time IS NULL OR last_started_time <= ?)", outcome,
                    result.startedTime(), result.durationMillis(), result.key(), result.startedTime());
            if (!result.passed()) {
                // the latest failure's message stays after later runs pass
                jdbc.update("UPDATE job_state SET last_error = ?, last_failed_time = ? WHERE job_key = ? AND"
                        + " (last_failed_time IS NULL OR last_failed_time <= ?)", error, result.startedTime(),
                        result.key(), result.startedTime());
            }
            return true;
        });
        return Boolean.TRUE.equals(recorded);
    }

    /**
     * A row for the run, for a result of a run job-service did not fire. Outside the recording transaction: the
     * firing replica's transaction may still hold the row, and on PostgreSQL a failed insert would abort ours.
     */
    private void ensureRun(JobResult result) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM job_runs WHERE job_key = ? AND scheduled_time = ?",
                Integer.class, result.key(), result.scheduledTime()) == 0) {
            try {
                jdbc.update("INSERT INTO job_runs (job_key, scheduled_time, run, fired_time, fired_by, manual)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", result.key(), result.scheduledTime(), result.run(),
                        result.scheduledTime(), "script", result.manual());
            } catch (DuplicateKeyException e) {
                // the replica that fired it committed meanwhile
            }
        }
    }

    /** A state row for the job, for a result of a run job-service did not fire. */
    private void ensureState(String jobKey) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM job_state WHERE job_key = ?", Integer.class, jobKey) == 0) {
            try {
                jdbc.update("INSERT INTO job_state (job_key, script_version, run_count) VALUES (?, 0, 0)", jobKey);
            } catch (DuplicateKeyException e) {
                // a replica firing the job made it first
            }
        }
    }

    /** The state of every job the database has counted, by job key. */
    public Map<String, JobState> states() {
        return jdbc.query("SELECT * FROM job_state", JobHistory::state).stream()
                .collect(Collectors.toMap(JobState::jobKey, Function.identity()));
    }

    public Optional<JobState> state(String jobKey) {
        return jdbc.query("SELECT * FROM job_state WHERE job_key = ?", JobHistory::state, jobKey).stream().findFirst();
    }

    /** The latest {@code limit} runs of a job, newest first. */
    public List<JobRun> runs(String jobKey, int limit) {
        // the database stops at the limit: a job keeps up to a week of runs, and a frequent one has thousands
        return jdbc.query("SELECT * FROM job_runs WHERE job_key = ? ORDER BY scheduled_time DESC"
                + " FETCH FIRST ? ROWS ONLY", (rs, row) -> new JobRun(rs.getLong("run"), rs.getLong("scheduled_time"),
                rs.getLong("fired_time"), rs.getString("fired_by"), rs.getBoolean("manual"), rs.getString("outcome"),
                rs.getString("error"), nullableLong(rs, "started_time"), nullableLong(rs, "duration_ms"),
                rs.getString("node")), jobKey, limit);
    }

    private static JobState state(ResultSet rs, int row) throws SQLException {
        return new JobState(rs.getString("job_key"), rs.getInt("script_version"), rs.getLong("run_count"),
                nullableLong(rs, "last_scheduled_time"), nullableLong(rs, "last_fired_time"),
                rs.getString("last_outcome"), nullableLong(rs, "last_started_time"), nullableLong(rs, "last_duration_ms"),
                rs.getString("last_error"), nullableLong(rs, "last_failed_time"), rs.getLong("passed_count"),
                rs.getLong("failed_count"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String cut(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
    }
}
