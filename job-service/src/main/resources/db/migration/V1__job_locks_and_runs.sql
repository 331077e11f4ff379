-- ShedLock's table: one row per tick lock, named <script>/<tag>@<scheduled epoch ms>; old rows are pruned.
CREATE TABLE shedlock (
    name       VARCHAR(1024) NOT NULL,
    lock_until TIMESTAMP     NOT NULL,
    locked_at  TIMESTAMP     NOT NULL,
    locked_by  VARCHAR(255)  NOT NULL,
    PRIMARY KEY (name)
);

-- One row per job key: the runs counted across the cluster, so that a limit holds on every replica.
CREATE TABLE job_state (
    job_key             VARCHAR(1024) NOT NULL,
    script_version      INTEGER       NOT NULL,
    run_count           BIGINT        NOT NULL,
    last_scheduled_time BIGINT,
    last_fired_time     BIGINT,
    PRIMARY KEY (job_key)
);

-- One row per fired tick (times in ms since the epoch); the key makes a second fire of one tick impossible.
CREATE TABLE job_runs (
    job_key        VARCHAR(1024) NOT NULL,
    scheduled_time BIGINT        NOT NULL,
    run            BIGINT        NOT NULL,
    fired_time     BIGINT        NOT NULL,
    fired_by       VARCHAR(255)  NOT NULL,
    manual         BOOLEAN       NOT NULL,
    PRIMARY KEY (job_key, scheduled_time)
);

CREATE INDEX job_runs_scheduled_time ON job_runs (scheduled_time);
