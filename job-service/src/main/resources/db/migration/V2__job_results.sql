-- How each fired run ended, reported by the runner that ran it (trawl.jobs.results).
ALTER TABLE job_runs ADD COLUMN outcome VARCHAR(16);
ALTER TABLE job_runs ADD COLUMN error VARCHAR(2000);
ALTER TABLE job_runs ADD COLUMN started_time BIGINT;
ALTER TABLE job_runs ADD COLUMN duration_ms BIGINT;
ALTER TABLE job_runs ADD COLUMN node VARCHAR(255);

-- The latest result of each job, its latest failure, and how many runs passed and failed (kept when old job_runs
-- rows are pruned).
ALTER TABLE job_state ADD COLUMN last_outcome VARCHAR(16);
ALTER TABLE job_state ADD COLUMN last_error VARCHAR(2000);
ALTER TABLE job_state ADD COLUMN last_failed_time BIGINT;
ALTER TABLE job_state ADD COLUMN last_started_time BIGINT;
ALTER TABLE job_state ADD COLUMN last_duration_ms BIGINT;
ALTER TABLE job_state ADD COLUMN passed_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE job_state ADD COLUMN failed_count BIGINT DEFAULT 0 NOT NULL;
