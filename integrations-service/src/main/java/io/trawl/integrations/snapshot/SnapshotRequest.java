package io.trawl.integrations.snapshot;

import io.trawl.integrations.action.ActionParams;
import io.trawl.integrations.action.InvalidActionException;
import io.trawl.integrations.evidence.EvidenceStore;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A snapshot to take: the packets captured in [{@code from}, {@code to}] (both ends included, to the
 * millisecond) that pass {@code filter}, stored as {@code <id>.pcap} with {@code <id>.manifest.json}.
 *
 * @param origin where it was asked for: a hook's name, {@code job:<tag>} or {@code api}
 */
public record SnapshotRequest(String id, Instant from, Instant to, PacketFilter filter, String reason,
                              String script, String origin, String node, Instant requestedTime) {

    /** An {@link EvidenceStore} name short enough to take the {@code .manifest.json} suffix. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** A snapshot id: what a file name and an S3 key can both hold. */
    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("snapshot id '" + id + "' is not usable: it must start with a letter"
                    + " or digit and hold only letters, digits, '.', '_' and '-' (at most 128)");
        }
        return id;
    }

    /**
     * Reads a {@code pcap.snapshot} action's params: {@code snapshot}, {@code from}, {@code to} (ms since the epoch,
     * or ISO-8601 text), optional {@code flows}, {@code addresses}, {@code ports} and {@code reason}.
     *
     * @throws InvalidActionException naming the field at fault
     */
    public static SnapshotRequest of(ActionRequest action, Duration maxWindow) throws InvalidActionException {
        return of(ActionParams.parse(ActionKind.PCAP_SNAPSHOT.wireName(), action.params()), action, maxWindow);
    }

    /** As {@link #of(ActionRequest, Duration)}, with {@code params} read already (errors name what they do). */
    public static SnapshotRequest of(ActionParams params, ActionRequest action, Duration maxWindow)
            throws InvalidActionException {
        String id = params.nonBlankString("snapshot");
        try {
            checkId(id);
        } catch (IllegalArgumentException e) {
            throw params.invalid("snapshot", "is refused: " + e.getMessage());
        }
        Instant from = params.time("from");
        Instant to = params.time("to");
        if (to.isBefore(from)) {
            throw params.invalid("to", "(" + to + ") is before params.from (" + from + ")");
        }
        if (Duration.between(from, to).compareTo(maxWindow) > 0) {
            throw params.invalid("to", "makes a window of " + Duration.between(from, to) + ", longer than the "
                    + maxWindow + " one snapshot may take (trawl.integrations.evidence.max-window)");
        }
        return new SnapshotRequest(id, from, to, PacketFilter.parse(params), params.optionalString("reason", ""),
                action.script(), action.origin(), action.node(), Instant.ofEpochMilli(action.createdTime()));
    }
}
