package io.trawl.job.schedule;

import io.trawl.job.registry.JobRegistry;
import io.trawl.model.job.JobRegistration;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fires the jobs of a {@link JobRegistry}, each tick once across all replicas.
 *
 * <p>Every replica runs one of these over the same registrations and computes the same ticks (cron in one zone,
 * see {@link SchedulePolicy#zone()}). At a tick each replica asks ShedLock for the lock named
 * {@code <script>/<tag>@<scheduled epoch ms>}; the one that gets it counts, records and publishes the run through
 * {@link RunLedger}, the others go on. The lock is held for {@link SchedulePolicy#lockHold()} whatever happens,
 * and a replica never tries a tick older than the misfire threshold, so a tick cannot be taken twice; the
 * ledger's key on (job, scheduled time) backs that up.
 *
 * <p>Misfires: the first tick of a job this replica learns of is the first one after that moment, and a tick
 * found more than {@link SchedulePolicy#misfireThreshold()} late is skipped (counted as missed), never fired late.
 *
 * <p>One thread; ticks due at once are fired one after another. Limits: a slow database or broker delays the
 * following ticks, which are skipped past the misfire threshold.
 */
public final class TickScheduler implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TickScheduler.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final JobRegistry registry;
    private final LockProvider locks;
    private final RunLedger ledger;
    private final FireEventSink sink;
    private final SchedulePolicy policy;
    private final Duration historyRetention;
    private final String replica;
    private final InstantSource clock;
    private final TickListener listener;
    private final Map<String, Plan> plans = new HashMap<>();
    private final Object wake = new Object();
    private final Counts counts = new Counts();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private Instant nextPrune = Instant.MIN;
    private volatile boolean running = true;

    /**
     * @param historyRetention how long rows of {@code job_runs} are kept
     * @param replica          this replica's name, recorded as the lock holder and the run's firer
     * @param listener         told the outcome of every tick
     */
    public TickScheduler(JobRegistry registry, LockProvider locks, RunLedger ledger, FireEventSink sink,
                         SchedulePolicy policy, Duration historyRetention, String replica, InstantSource clock,
                         TickListener listener) {
        this.registry = registry;
        this.locks = locks;
        this.ledger = ledger;
        this.sink = sink;
        this.policy = policy;
        this.historyRetention = historyRetention;
        this.replica = replica;
        this.clock = clock;
        this.listener = listener;
    }

    @Override
    public void run() {
        try {
            while (running) {
                Instant now = clock.instant();
                plan(now);
                fireDue(now);
                prune(now);
                sleepUntil(nextDue(clock.instant()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
            log.error("Job scheduler stopped", e);
        }
    }

    /** Follows the registry: plans for new or changed jobs, drops removed ones. */
    private void plan(Instant now) {
        Map<String, JobRegistration> jobs = registry.snapshot();
        plans.keySet().retainAll(jobs.keySet());
        jobs.forEach((key, job) -> {
            Plan old = plans.get(key);
            if (old == null || !old.job.equals(job)) {
                plans.put(key, Plan.of(job, old, now, policy));
            }
        });
    }

    private void fireDue(Instant now) {
        for (Plan plan : plans.values()) {
            while (running && !plan.exhausted && plan.next != null && !plan.next.isAfter(now)) {
                Instant scheduled = plan.next;
                if (Duration.between(scheduled, now).compareTo(policy.misfireThreshold()) > 0) {
                    counts.missed.incrementAndGet();
                    listener.ticked(TickListener.Outcome.MISSED, Duration.between(scheduled, now));
                    log.debug("Skipped tick {} of {}: {} late", scheduled, plan.job.key(),
                            Duration.between(scheduled, now));
                    plan.next = plan.after(now.minus(policy.misfireThreshold()));
                    continue;
                }
                tick(plan, scheduled);
                plan.next = plan.after(scheduled);
            }
        }
    }

    private void tick(Plan plan, Instant scheduled) {
        JobRegistration job = plan.job;
        String name = job.key() + "@" + scheduled.toEpochMilli();
        Optional<SimpleLock> lock;
        try {
            lock = locks.lock(new LockConfiguration(clock.instant(), name, policy.lockHold(), policy.lockHold()));
        } catch (RuntimeException e) {
            failed(scheduled);
            log.warn("Cannot lock tick {} of {}: {}", scheduled, job.key(), e.getMessage());
            return;
        }
        if (lock.isEmpty()) {
            taken(scheduled);
            return;
        }
        try {
            RunLedger.Claim claim = ledger.fire(job, scheduled.toEpochMilli(), clock.millis(), replica, false, sink);
            switch (claim) {
                case FIRED -> {
                    counts.fired.incrementAndGet();
                    listener.ticked(TickListener.Outcome.FIRED, Duration.between(scheduled, clock.instant()));
                }
                case ALREADY_FIRED -> taken(scheduled);
                case LIMIT_REACHED -> {
                    counts.limitReached.incrementAndGet();
                    listener.ticked(TickListener.Outcome.LIMIT_REACHED, Duration.between(scheduled, clock.instant()));
                    plan.exhausted = true;
                    log.info("Job {} reached its limit of {} runs", job.key(), job.limit());
                }
            }
        } catch (RuntimeException e) {
            failed(scheduled);
            log.warn("Cannot fire tick {} of {}: {}", scheduled, job.key(), e.getMessage());
        } finally {
            lock.get().unlock();
        }
    }

    private void taken(Instant scheduled) {
        counts.taken.incrementAndGet();
        listener.ticked(TickListener.Outcome.TAKEN, Duration.between(scheduled, clock.instant()));
    }

    private void failed(Instant scheduled) {
        counts.failed.incrementAndGet();
        listener.ticked(TickListener.Outcome.FAILED, Duration.between(scheduled, clock.instant()));
    }

    private void prune(Instant now) {
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        try {
            // a lock is pruned only once no replica can still try its tick: well past the hold
            ledger.prune(now.minus(policy.lockHold()), now.minus(historyRetention));
        } catch (RuntimeException e) {
            log.warn("Cannot prune old tick locks and runs: {}", e.getMessage());
        }
    }

    private Instant nextDue(Instant now) {
        Instant due = now.plus(policy.poll());
        for (Plan plan : plans.values()) {
            if (!plan.exhausted && plan.next != null && plan.next.isBefore(due)) {
                due = plan.next;
            }
        }
        return due;
    }

    private void sleepUntil(Instant due) throws InterruptedException {
        synchronized (wake) {
            long millis = Duration.between(clock.instant(), due).toMillis();
            if (running && millis > 0) {
                wake.wait(millis);
            }
        }
    }

    public void stop() {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** What this replica did with the ticks it saw. */
    public Stats stats() {
        return new Stats(counts.fired.get(), counts.taken.get(), counts.missed.get(), counts.limitReached.get(),
                counts.failed.get());
    }

    /** The error that stopped the scheduler, or null while it runs. */
    public Exception failure() {
        return failure.get();
    }

    /**
     * @param fired        ticks this replica fired
     * @param taken        ticks another replica held the lock for
     * @param missed       ticks skipped as later than the misfire threshold
     * @param limitReached ticks not fired because the job had reached its limit
     * @param failed       ticks that failed here (database or broker); they are not retried
     */
    public record Stats(long fired, long taken, long missed, long limitReached, long failed) {
    }

    private static final class Counts {
        final AtomicLong fired = new AtomicLong();
        final AtomicLong taken = new AtomicLong();
        final AtomicLong missed = new AtomicLong();
        final AtomicLong limitReached = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
    }

    /** One job as this replica schedules it: its cron and next tick. */
    private static final class Plan {
        final JobRegistration job;
        final CronExpression cron;
        final SchedulePolicy policy;
        Instant next;
        boolean exhausted;

        private Plan(JobRegistration job, CronExpression cron, SchedulePolicy policy) {
            this.job = job;
            this.cron = cron;
            this.policy = policy;
        }

        /** A changed job keeps its next tick when its cron is unchanged, so that a new limit loses no tick. */
        static Plan of(JobRegistration job, Plan old, Instant now, SchedulePolicy policy) {
            CronExpression cron;
            try {
                cron = CronExpression.parse(job.cron());
            } catch (IllegalArgumentException e) {
                log.warn("Job {} is not scheduled: its cron '{}' is invalid: {}", job.key(), job.cron(), e.getMessage());
                return new Plan(job, null, policy);
            }
            Plan plan = new Plan(job, cron, policy);
            plan.next = old != null && old.cron != null && old.job.cron().equals(job.cron()) && old.next != null
                    ? old.next : plan.after(now);
            return plan;
        }

        /** The first tick strictly after {@code time}, or null if the cron has none. */
        Instant after(Instant time) {
            if (cron == null) {
                return null;
            }
            ZonedDateTime next = cron.next(ZonedDateTime.ofInstant(time, policy.zone()));
            return next == null ? null : next.toInstant();
        }
    }
}
