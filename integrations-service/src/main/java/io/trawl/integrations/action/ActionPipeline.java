package io.trawl.integrations.action;

import io.trawl.model.action.ActionJson;
import io.trawl.model.action.ActionRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What happens to one record of {@code trawl.actions} or the retry topic: decode it, skip it if this replica
 * delivered it already, fold it into a throttle window (first attempts only), resolve its secret references, and
 * hand it to the handler of its kind. The outcome is always final when this returns: delivered; republished to
 * the retry topic, due after the backoff; or dead-lettered (not an action request, not performable, out of
 * attempts). Only then may the consumer commit the record.
 *
 * <p>Error text that leaves here (logs, headers) has every resolved secret masked. One pipeline per consumer
 * thread; it is not thread-safe.
 */
public final class ActionPipeline {

    private static final Logger log = LoggerFactory.getLogger(ActionPipeline.class);
    static final String UNKNOWN_CHANNEL = "unknown";

    private final ActionRouter router;
    private final SecretResolver secrets;
    private final RetryPolicy retry;
    private final FailedActions failed;
    private final RecentIds recent;
    private final Throttle throttle;
    private final DeliveryListener listener;
    private final InstantSource clock;

    /** @param throttle null to deliver every request */
    public ActionPipeline(ActionRouter router, SecretResolver secrets, RetryPolicy retry, FailedActions failed,
                          RecentIds recent, Throttle throttle, DeliveryListener listener, InstantSource clock) {
        this.router = Objects.requireNonNull(router, "router");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.failed = Objects.requireNonNull(failed, "failed");
        this.recent = Objects.requireNonNull(recent, "recent");
        this.throttle = throttle;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws FailedActions.UnavailableException when a failed request could not be republished: not done
     * @throws InterruptedException               when the service stops mid-attempt: not done
     */
    public void process(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        DeliveryHeaders.History history = DeliveryHeaders.History.of(record);
        ActionRequest action;
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("action request: the record has no value");
            }
            action = ActionJson.decode(record.value());
        } catch (IllegalArgumentException e) {
            deadLetter(UNKNOWN_CHANNEL, "a record that is not an action request", record.key(), record.value(),
                    history.failed(clock.instant()), e.getClass().getName(), e.getMessage(), null);
            return;
        }
        if (recent.contains(action.id())) {
            listener.duplicate(action.kind().wireName());
            log.info("Skipped {} request {} of script {}: delivered already by this replica",
                    action.kind().wireName(), action.id(), action.script());
            return;
        }
        if (throttle != null && history.attempts() == 0
                && !throttle.admit(action, record.key(), history, clock.millis())) {
            listener.outcome(action.kind().wireName(), Outcome.THROTTLED, null);
            return;
        }
        attempt(action, record.key(), record.value(), history);
    }

    /** Delivers the summaries of throttle windows that have ended. */
    public void summarise() throws InterruptedException {
        if (throttle == null) {
            return;
        }
        for (Throttle.Summary summary : throttle.due(clock.millis())) {
            attempt(summary.action(), summary.key(), ActionJson.encode(summary.action()), summary.history());
        }
    }

    /** How long until {@link #summarise()} has something to do. */
    public long millisUntilSummary() {
        return throttle == null ? Long.MAX_VALUE : throttle.millisUntilNext(clock.millis());
    }

    private void attempt(ActionRequest action, byte[] key, byte[] value, DeliveryHeaders.History history)
            throws InterruptedException {
        String channel = action.kind().wireName();
        UnaryOperator<String> mask = UnaryOperator.identity();
        long start = System.nanoTime();
        try {
            SecretResolver.Resolved resolved = secrets.resolve(action);
            mask = resolved.mask();
            router.handlerFor(action.kind()).handle(resolved.action());
            recent.add(action.id());
            listener.outcome(channel, Outcome.DELIVERED, Duration.ofNanos(System.nanoTime() - start));
            log.debug("Delivered {} request {} of script {}", channel, action.id(), action.script());
        } catch (RetryableActionException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Instant now = clock.instant();
            DeliveryHeaders.History after = history.failed(now);
            String message = mask.apply(String.valueOf(e.getMessage()));
            if (retry.exhausted(after.attempts())) {
                deadLetter(channel, describe(action), key, value, after, e.getClass().getName(),
                        "gave up after " + after.attempts() + " attempts: " + message, took);
                return;
            }
            Duration delay = retry.delayAfter(after.attempts(), e.retryAfter());
            failed.retry(key, value, DeliveryHeaders.failure(after, e.getClass().getName(), message),
                    now.plus(delay).toEpochMilli());
            listener.outcome(channel, Outcome.RETRIED, took);
            log.info("Attempt {} of {} failed, next in {} ms: {}", after.attempts(), describe(action),
                    delay.toMillis(), message);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // Not retryable: a bad request, a refused target, a handler's bug. No later attempt would do better.
            deadLetter(channel, describe(action), key, value, history.failed(clock.instant()),
                    e.getClass().getName(), mask.apply(String.valueOf(e.getMessage())),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void deadLetter(String channel, String what, byte[] key, byte[] value, DeliveryHeaders.History history,
                            String errorClass, String message, Duration took) throws InterruptedException {
        failed.deadLetter(key, value, DeliveryHeaders.failure(history, errorClass, message));
        listener.outcome(channel, Outcome.DEAD_LETTERED, took);
        log.warn("Dead-lettered {} from {}: {}: {}", what, history.source(), errorClass, message);
    }

    private static String describe(ActionRequest action) {
        return action.kind().wireName() + " request " + action.id() + " of script " + action.script();
    }
}
