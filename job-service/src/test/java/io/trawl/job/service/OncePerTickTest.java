package io.trawl.job.service;

import io.trawl.job.registry.JobRegistry;
import io.trawl.job.schedule.FireEventSink;
import io.trawl.job.schedule.RunLedger;
import io.trawl.job.schedule.SchedulePolicy;
import io.trawl.job.schedule.TickListener;
import io.trawl.job.schedule.TickScheduler;
import io.trawl.kafka.TopicAdmin;
import io.trawl.kafka.embedded.EmbeddedKafkaBroker;
import io.trawl.model.Topics;
import io.trawl.model.job.JobFired;
import io.trawl.model.job.JobRegistration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two schedulers, as two replicas would run them, on one real PostgreSQL (each with its own connections and lock
 * provider) and one real broker: each tick fires once, and a limit holds across both.
 */
class OncePerTickTest {

    private static final String PREFIX = "jobs-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final Topics TOPICS = new Topics(PREFIX);
    private static final SchedulePolicy POLICY = new SchedulePolicy(Duration.ofMillis(100), Duration.ofSeconds(2),
            Duration.ofSeconds(10), ZoneOffset.UTC);

    private static EmbeddedPostgres postgres;
    private static Producer<byte[], byte[]> producer;
    private final List<TickScheduler> schedulers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load()
                .migrate();
        TopicAdmin.ensure(bootstrap(), Duration.ofSeconds(15),
                List.of(new NewTopic(TOPICS.jobsFired(), 3, (short) 1)));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void stopSchedulers() throws InterruptedException {
        schedulers.forEach(TickScheduler::stop);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10));
        }
    }

    private static String bootstrap() {
        return EmbeddedKafkaBroker.shared().bootstrapServers();
    }

    /** A replica: its own registry, connections and lock provider, on the shared database and broker. */
    private TickScheduler replica(String name, JobRegistration job) {
        return replica(name, job, new KafkaFireEventSink(producer, TOPICS.jobsFired(), Duration.ofSeconds(10)));
    }

    private TickScheduler replica(String name, JobRegistration job, FireEventSink sink) {
        JobRegistry registry = new JobRegistry();
        registry.register(job.key(), job);
        var dataSource = postgres.getPostgresDatabase();
        var locks = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource)).withLockedByValue(name).usingDbTime().build());
        TickScheduler scheduler = new TickScheduler(registry, locks, new RunLedger(dataSource), sink, POLICY,
                Duration.ofDays(1), name, InstantSource.system(), TickListener.NONE);
        schedulers.add(scheduler);
        return scheduler;
    }

    private void startAll() {
        for (int i = 0; i < schedulers.size(); i++) {
            threads.add(Thread.ofPlatform().name("scheduler-" + i).start(schedulers.get(i)));
        }
    }

    private void stopAll() throws InterruptedException {
        stopSchedulers();
        schedulers.forEach(s -> assertThat(s.failure()).isNull());
    }

    @Test
    void everySecondJobFiresEachTickOnceAcrossTwoReplicas() throws Exception {
        JobRegistration job = new JobRegistration("every-second-" + UUID.randomUUID(), "tick", "* * * * * *", 0,
                "[]", 1);
        TickScheduler a = replica("replica-a", job);
        TickScheduler b = replica("replica-b", job);
        RunLedger ledger = new RunLedger(postgres.getPostgresDatabase());

        startAll();
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.runCount(job.key()) >= 8);
        stopAll();

        List<JobFired> fired = FiredEvents.of(bootstrap(), TOPICS.jobsFired(), job.key());
        List<Long> scheduled = fired.stream().map(JobFired::scheduledTime).toList();
        TreeSet<Long> distinct = new TreeSet<>(scheduled);
        assertThat(scheduled).as("no tick fired twice").hasSameSizeAs(distinct);
        assertThat(fired).hasSize((int) ledger.runCount(job.key())).hasSizeGreaterThanOrEqualTo(8);
        long span = (distinct.last() - distinct.first()) / 1000 + 1;
        assertThat(span - distinct.size()).as("ticks missing between the first and the last").isLessThanOrEqualTo(1);
        assertThat(distinct).allMatch(t -> t % 1000 == 0);
        assertThat(fired.stream().map(JobFired::run).sorted().toList())
                .isEqualTo(LongStream.rangeClosed(1, fired.size()).boxed().toList());
        assertThat(a.stats().fired() + b.stats().fired()).isEqualTo(fired.size());
        assertThat(a.stats().taken() + b.stats().taken()).as("the other replica found each tick taken")
                .isGreaterThanOrEqualTo(fired.size() - 2L);
    }

    @Test
    void stoppingOneReplicaMidwayDoesNotStopTheJob() throws Exception {
        JobRegistration job = new JobRegistration("survivor-" + UUID.randomUUID(), "tick", "* * * * * *", 0, "[]", 1);
        TickScheduler a = replica("replica-a", job);
        TickScheduler b = replica("replica-b", job);
        RunLedger ledger = new RunLedger(postgres.getPostgresDatabase());

        startAll();
        await().atMost(Duration.ofSeconds(15)).until(() -> ledger.runCount(job.key()) >= 3);
        a.stop();
        threads.getFirst().join(Duration.ofSeconds(10));
        long firedByA = a.stats().fired();
        await().atMost(Duration.ofSeconds(15)).until(() -> ledger.runCount(job.key()) >= 7);
        stopAll();

        List<JobFired> fired = FiredEvents.of(bootstrap(), TOPICS.jobsFired(), job.key());
        TreeSet<Long> distinct = new TreeSet<>(fired.stream().map(JobFired::scheduledTime).toList());
        assertThat(distinct).as("no tick fired twice").hasSameSizeAs(fired);
        assertThat((distinct.last() - distinct.first()) / 1000 + 1 - distinct.size())
                .as("ticks missing between the first and the last").isLessThanOrEqualTo(1);
        assertThat(a.stats().fired()).as("replica-a fired nothing once stopped").isEqualTo(firedByA);
        assertThat(b.stats().fired()).isEqualTo(fired.size() - firedByA);
    }

    @Test
    void aTickFoundLaterThanTheMisfireThresholdIsSkippedNotFiredLate() throws Exception {
        JobRegistration job = new JobRegistration("stalled-" + UUID.randomUUID(), "tick", "* * * * * *", 0, "[]", 1);
        List<JobFired> sent = Collections.synchronizedList(new ArrayList<>());
        TickScheduler stalling = replica("stalling", job, fired -> {
            if (sent.isEmpty()) {
                Thread.sleep(3500); // a broker that stalls on the first fire: the next ticks come due meanwhile
            }
            sent.add(fired);
        });

        startAll();
        await().atMost(Duration.ofSeconds(15)).until(() -> sent.size() >= 3);
        stopAll();

        assertThat(stalling.stats().missed()).as("ticks more than 2 s late were skipped").isGreaterThanOrEqualTo(1);
        assertThat(sent).allSatisfy(f -> assertThat(f.firedTime() - f.scheduledTime())
                .as("fired late by").isLessThanOrEqualTo(POLICY.misfireThreshold().toMillis() + 500));
    }

    @Test
    void limitHoldsAcrossReplicas() throws Exception {
        JobRegistration job = new JobRegistration("limited-" + UUID.randomUUID(), "thrice", "* * * * * *", 3, "[]", 1);
        TickScheduler a = replica("replica-a", job);
        TickScheduler b = replica("replica-b", job);
        RunLedger ledger = new RunLedger(postgres.getPostgresDatabase());

        startAll();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> a.stats().limitReached() + b.stats().limitReached() >= 2);
        stopAll();

        assertThat(ledger.runCount(job.key())).isEqualTo(3);
        List<JobFired> fired = FiredEvents.of(bootstrap(), TOPICS.jobsFired(), job.key());
        assertThat(fired).extracting(JobFired::run).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(a.stats().fired() + b.stats().fired()).isEqualTo(3);
    }

    @Test
    void aNewerScriptVersionStartsTheCountAgain() {
        RunLedger ledger = new RunLedger(postgres.getPostgresDatabase());
        JobRegistration v1 = new JobRegistration("versioned-" + UUID.randomUUID(), "once", "* * * * * *", 1, "[]", 1);
        List<JobFired> sent = new ArrayList<>();

        assertThat(ledger.fire(v1, 1000, 1001, "r", false, sent::add)).isEqualTo(RunLedger.Claim.FIRED);
        assertThat(ledger.fire(v1, 2000, 2001, "r", false, sent::add)).isEqualTo(RunLedger.Claim.LIMIT_REACHED);
        JobRegistration v2 = new JobRegistration(v1.script(), v1.tag(), v1.cron(), 1, "[]", 2);
        assertThat(ledger.fire(v2, 3000, 3001, "r", false, sent::add)).isEqualTo(RunLedger.Claim.FIRED);
        assertThat(ledger.fire(v1, 4000, 4001, "stale", false, sent::add))
                .as("a replica still holding version 1 does not reset it").isEqualTo(RunLedger.Claim.LIMIT_REACHED);

        assertThat(sent).extracting(JobFired::scheduledTime).containsExactly(1000L, 3000L);
        assertThat(sent).extracting(JobFired::run).containsExactly(1L, 1L);
    }

    @Test
    void aTickIsRecordedOnceAndAFailedPublishCountsNothing() {
        RunLedger ledger = new RunLedger(postgres.getPostgresDatabase());
        JobRegistration job = new JobRegistration("ledger-" + UUID.randomUUID(), "t", "* * * * * *", 0, "[]", 1);
        List<JobFired> sent = new ArrayList<>();

        assertThatThrownBy(() -> ledger.fire(job, 1000, 1001, "r", false, fired -> {
            throw new TimeoutException("broker down");
        })).hasMessageContaining("broker down");
        assertThat(ledger.runCount(job.key())).isZero();

        assertThat(ledger.fire(job, 1000, 1002, "r", false, sent::add)).isEqualTo(RunLedger.Claim.FIRED);
        assertThat(ledger.fire(job, 1000, 1003, "other", false, sent::add)).isEqualTo(RunLedger.Claim.ALREADY_FIRED);

        assertThat(ledger.runCount(job.key())).isEqualTo(1);
        assertThat(sent).extracting(JobFired::firedTime).containsExactly(1002L);
    }
}
