package io.trawl.job.schedule;

import io.trawl.model.job.JobFired;
import io.trawl.model.job.JobRegistration;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema, the tick locks and the ledger on H2, the embedded database {@code ./trawl local} is to use: the same
 * migration and SQL as on PostgreSQL.
 */
class H2PortabilityTest {

    private JdbcDataSource dataSource;
    private LockProvider locks;

    @BeforeEach
    void migrate() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:jobs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build());
    }

    @Test
    void aTickLockIsTakenOnceAndHeldAfterUnlock() {
        Duration hold = Duration.ofSeconds(30);
        LockConfiguration tick = new LockConfiguration(Instant.now(), "a.js/report@1000", hold, hold);

        Optional<SimpleLock> first = locks.lock(tick);
        assertThat(first).isPresent();
        first.get().unlock();

        assertThat(locks.lock(tick)).as("held for the whole hold, even after unlock").isEmpty();
        assertThat(locks.lock(new LockConfiguration(Instant.now(), "a.js/report@2000", hold, hold))).isPresent();
    }

    @Test
    void limitAndDuplicateTicksHold() {
        RunLedger ledger = new RunLedger(dataSource);
        JobRegistration job = new JobRegistration("a.js", "twice", "* * * * * *", 2, "[]", 1);
        List<JobFired> sent = new ArrayList<>();

        assertThat(ledger.fire(job, 1000, 1001, "r", false, sent::add)).isEqualTo(RunLedger.Claim.FIRED);
        assertThat(ledger.fire(job, 1000, 1002, "r", false, sent::add)).isEqualTo(RunLedger.Claim.ALREADY_FIRED);
        assertThat(ledger.fire(job, 2000, 2001, "r", false, sent::add)).isEqualTo(RunLedger.Claim.FIRED);
        assertThat(ledger.fire(job, 3000, 3001, "r", false, sent::add)).isEqualTo(RunLedger.Claim.LIMIT_REACHED);

        assertThat(ledger.runCount(job.key())).isEqualTo(2);
        assertThat(sent).extracting(JobFired::run).containsExactly(1L, 2L);
    }

    @Test
    void pruneDeletesLapsedLocksAndOldRuns() {
        Duration hold = Duration.ofMillis(1);
        locks.lock(new LockConfiguration(Instant.now(), "a.js/old@1000", hold, hold)).orElseThrow().unlock();
        RunLedger ledger = new RunLedger(dataSource);
        JobRegistration job = new JobRegistration("a.js", "t", "* * * * * *", 0, "[]", 1);
        ledger.fire(job, 1000, 1001, "r", false, fired -> { });
        ledger.fire(job, 5000, 5001, "r", false, fired -> { });

        int deleted = ledger.prune(Instant.now().plusSeconds(60), Instant.ofEpochMilli(4000));

        assertThat(deleted).as("one lock, one run").isEqualTo(2);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM shedlock", Integer.class)).isZero();
        assertThat(jdbc.queryForList("SELECT scheduled_time FROM job_runs", Long.class)).containsExactly(5000L);
    }
}
