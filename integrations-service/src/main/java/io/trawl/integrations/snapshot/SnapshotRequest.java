package io.trawl.integrations.snapshot;

import io.trawl.integrations.evidence.ActionParams;
import io.trawl.integrations.evidence.EvidenceStore;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A snapshot to take: the packets captured in [{@code from}, {@code to}] (both ends included, to the
 * millisecond) that pass {@code filter}, stored as {@code <id>.pcap} with {@code <id>.manifest.json}.
 *
 * @param origin where it was asked for: a hook's name, {@code job:<tag>} or {@code api}
 */
public record SnapshotRequest(String id, Instant from, Instant to, PacketFilter filter, String reason,
                              String script, String origin, String node, Instant requestedTime) {

    /** A snapshot id: what a file name and an S3 key can both hold. */
    public static String checkId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("snapshot id '" + id + "' is not usable: it must start with a letter"
                    + " or digit and hold only letters, digits, '.', '_' and '-' (at most 128)");
        }
        return EvidenceStore.checkName(id);
    }

    /**
     * Reads a {@code pcap.snapshot} action's params: {@code snapshot}, {@code from}, {@code to} (ms since the epoch,
     * or ISO-8601 text), optional {@code flows}, {@code addresses}, {@code ports} and {@code reason}.
     *
     * @throws IllegalArgumentException naming the field at fault
     */
    public static SnapshotRequest of(ActionRequest action, Duration maxWindow) {
        ActionParams params = ActionParams.parse(ActionKind.PCAP_SNAPSHOT.wireName(), action.params());
        String id = params.string("snapshot");
        try {
            checkId(id);
        } catch (IllegalArgumentException e) {
            throw params.invalid("snapshot", "holds an " + e.getMessage());
        }
        Instant from = time(params, "from");
        Instant to = time(params, "to");
        if (to.isBefore(from)) {
            throw params.invalid("to", "(" + to + ") is before 'from' (" + from + ")");
        }
        if (Duration.between(from, to).compareTo(maxWindow) > 0) {
            throw params.invalid("to", "makes a window of " + Duration.between(from, to) + ", longer than the "
                    + maxWindow + " one snapshot may take (trawl.integrations.evidence.max-window)");
        }
        return new SnapshotRequest(id, from, to, PacketFilter.parse(params), params.optionalString("reason", ""),
                action.script(), action.origin(), action.node(), Instant.ofEpochMilli(action.createdTime()));
    }

    /** Milliseconds since the epoch (a number or digits), or an ISO-8601 time with an offset. */
    private static Instant time(ActionParams params, String field) {
        JsonNode node = params.node(field);
        if (node == null) {
            throw params.invalid(field, "is required: milliseconds since the epoch or an ISO-8601 time");
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node.isString()) {
            String text = node.stringValue().strip();
            if (text.matches("\\d{1,15}")) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw params.invalid(field, "'" + text + "' is not an ISO-8601 time with an offset, such as "
                        + "2026-11-28T09:15:00Z, nor milliseconds since the epoch");
            }
        }
        throw params.invalid(field, "is " + node + ": give milliseconds since the epoch or an ISO-8601 time");
    }
}
