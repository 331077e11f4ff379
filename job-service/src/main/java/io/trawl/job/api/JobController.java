package io.trawl.job.api;

import io.trawl.job.history.JobHistory;
import io.trawl.job.history.JobState;
import io.trawl.job.service.JobService;
import io.trawl.job.service.JobSettings;
import io.trawl.model.job.JobRegistration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * {@code /api/v1/jobs}: the jobs scripts registered, with their next fire time and recorded runs; run one now;
 * remove one. Any job-service replica answers for the whole cluster: registrations come from {@code trawl.jobs},
 * runs from the shared database.
 */
@RestController
@RequestMapping("/api/v1/jobs")
public class JobController {

    /** Most runs one request may ask for. */
    static final int MAX_RUNS = 500;

    private final JobService jobs;
    private final JobHistory history;
    private final ZoneId zone;

    public JobController(JobService jobs, JobHistory history, JobSettings settings) {
        this.jobs = jobs;
        this.history = history;
        this.zone = settings.policy().zone();
    }

    /** Every registered job, by script then tag; {@code script} keeps one script's. */
    @GetMapping
    public List<JobView> list(@RequestParam(required = false) String script) {
        Map<String, JobState> states = history.states();
        return jobs.registry().snapshot().values().stream()
                .filter(job -> script == null || job.script().equals(script))
                .sorted(Comparator.comparing(JobRegistration::script).thenComparing(JobRegistration::tag))
                .map(job -> view(job, states.get(job.key()), null))
                .toList();
    }

    /** One job with its latest {@code runs} runs (default 20, at most 500). */
    @GetMapping("/{script}/{tag}")
    public JobView describe(@PathVariable String script, @PathVariable String tag,
                            @RequestParam(defaultValue = "20") int runs) {
        if (runs < 0 || runs > MAX_RUNS) {
            throw new IllegalArgumentException("runs: must be between 0 and " + MAX_RUNS + ", was " + runs);
        }
        JobRegistration job = registered(script, tag);
        return view(job, history.state(job.key()).orElse(null),
                history.runs(job.key(), runs).stream().map(JobView.RunView::of).toList());
    }

    /** Fires one run now, counted like a tick; 409 when a limited job has used its runs. */
    @PostMapping("/{script}/{tag}/run")
    public ResponseEntity<Map<String, Object>> run(@PathVariable String script, @PathVariable String tag) {
        JobRegistration job = registered(script, tag);
        return jobs.runNow(job.key())
                .<ResponseEntity<Map<String, Object>>>map(run -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(Map.of("script", script, "tag", tag, "run", run)))
                .orElseThrow(() -> new LimitReachedException("job " + job.key() + " has run its limit of "
                        + job.limit() + " times; a new version of the script starts the count again"));
    }

    /** Removes the job's registration on every replica, until the script schedules it again. */
    @DeleteMapping("/{script}/{tag}")
    public ResponseEntity<Void> remove(@PathVariable String script, @PathVariable String tag) throws Exception {
        jobs.remove(registered(script, tag).key());
        return ResponseEntity.noContent().build();
    }

    private JobRegistration registered(String script, String tag) {
        JobRegistration job = jobs.registry().snapshot().get(JobRegistration.key(script, tag));
        if (job == null) {
            throw new NoSuchElementException("no job '" + tag + "' of script '" + script + "' is registered");
        }
        return job;
    }

    private JobView view(JobRegistration job, JobState state, List<JobView.RunView> runs) {
        boolean exhausted = job.limit() > 0 && state != null && state.scriptVersion() >= job.scriptVersion()
                && state.runCount() >= job.limit();
        Instant next = exhausted ? null : next(job.cron());
        return JobView.of(job, state, next, runs);
    }

    private Instant next(String cron) {
        try {
            ZonedDateTime next = CronExpression.parse(cron).next(ZonedDateTime.now(zone));
            return next == null ? null : next.toInstant();
        } catch (IllegalArgumentException e) {
            return null; // the scheduler logs and skips a registration it cannot read
        }
    }

    /** A limited job asked to run once more. */
    static final class LimitReachedException extends RuntimeException {
        LimitReachedException(String message) {
            super(message);
        }
    }
}
