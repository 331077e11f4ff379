package io.trawl.integrations.api;

import io.trawl.integrations.action.ActionParams;
import io.trawl.integrations.action.InvalidActionException;
import io.trawl.integrations.action.RetryableActionException;
import io.trawl.integrations.snapshot.PcapSnapshotHandler;
import io.trawl.integrations.snapshot.SnapshotRequest;
import io.trawl.integrations.snapshot.SnapshotTaker;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Snapshots asked for through the REST API. Each becomes a {@code pcap.snapshot} action request (origin
 * {@code api}) run by the same handler as a script's, here in this replica: it waits for its window to pass, and
 * failures that may pass are retried with backoff. What is pending or has failed is remembered (the last
 * {@value #REMEMBERED} failures) so that {@code GET /api/v1/snapshots/{id}} can tell. A request accepted here is
 * lost if this replica stops before it is done.
 */
public final class ApiSnapshots {

    private static final Logger log = LoggerFactory.getLogger(ApiSnapshots.class);
    static final int REMEMBERED = 1000;
    private static final int MAX_ATTEMPTS = 8;
    /** Names the request in errors, where an action would name its kind. */
    private static final String WHAT = "snapshot request";
    private static final Set<String> FIELDS = Set.of("from", "to", "flows", "addresses", "ports", "reason");
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final PcapSnapshotHandler handler;
    private final SnapshotTaker taker;
    private final Duration maxWindow;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final String node;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final Map<String, String> failed = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    public ApiSnapshots(PcapSnapshotHandler handler, SnapshotTaker taker, Duration maxWindow,
                        ScheduledExecutorService executor, Clock clock, String node) {
        this.handler = handler;
        this.taker = taker;
        this.maxWindow = maxWindow;
        this.executor = executor;
        this.clock = clock;
        this.node = node;
    }

    /** What {@code POST} answers: the new snapshot's id and when it can be read at the earliest. */
    public record Accepted(String id, Instant readyAt) {
    }

    /**
     * Checks {@code body} ({@code from}, {@code to}, optional {@code flows}, {@code addresses}, {@code ports},
     * and {@code reason}) and schedules the snapshot.
     *
     * @throws InvalidActionException naming the field at fault, as {@code "snapshot request: params.to ..."}
     */
    public Accepted submit(JsonNode body, String caller) throws InvalidActionException {
        ActionParams params = ActionParams.of(WHAT, body);
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw params.invalid(name, "is not known; a snapshot request has from, to, flows, addresses, "
                        + "ports and reason (the service chooses the id)");
            }
        }
        params.nonBlankString("reason");
        Instant now = clock.instant();
        String id = "snap-" + ID_TIME.format(now) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        ObjectNode actionParams = ((ObjectNode) body.deepCopy()).put("snapshot", id);
        ActionRequest action = new ActionRequest("api-" + id, ActionKind.PCAP_SNAPSHOT, "api", 0, "api",
                node, now.toEpochMilli(), null, actionParams.toString());
        SnapshotRequest request = SnapshotRequest.of(ActionParams.of(WHAT, actionParams), action, maxWindow);
        Instant readyAt = taker.readyAt(request);
        pending.put(id, readyAt);
        log.info("Snapshot {} requested through the API by {}: {} to {}, reason: {}", id, caller, request.from(),
                request.to(), request.reason());
        schedule(action, 1, Duration.between(now, readyAt));
        return new Accepted(id, readyAt);
    }

    private void schedule(ActionRequest action, int attempt, Duration delay) {
        executor.schedule(() -> run(action, attempt), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void run(ActionRequest action, int attempt) {
        String id = action.id().substring("api-".length());
        try {
            handler.handle(action);
            pending.remove(id);
        } catch (RetryableActionException e) {
            if (attempt < MAX_ATTEMPTS) {
                Duration wait = e.retryAfter().orElse(Duration.ofSeconds(1L << Math.min(attempt, 6)));
                log.info("Snapshot {}: attempt {} will be retried in {} ms: {}", id, attempt, wait.toMillis(),
                        e.getMessage());
                schedule(action, attempt + 1, wait);
                return;
            }
            fail(id, e);
        } catch (Exception e) {
            fail(id, e);
        }
    }

    private void fail(String id, Exception e) {
        log.warn("Snapshot {} failed: {}", id, e.getMessage());
        failed.put(id, String.valueOf(e.getMessage()));
        pending.remove(id);
    }

    /** Why the snapshot {@code id} is not stored, when this replica knows: pending or failed. */
    public Optional<String> notStoredBecause(String id) {
        Instant readyAt = pending.get(id);
        if (readyAt != null) {
            return Optional.of("snapshot " + id + " is being taken: its window can be read from " + readyAt);
        }
        String failure = failed.get(id);
        return failure == null ? Optional.empty() : Optional.of("snapshot " + id + " failed: " + failure);
    }
}
