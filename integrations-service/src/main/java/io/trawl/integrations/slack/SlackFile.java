package io.trawl.integrations.slack;

import io.trawl.integrations.action.ActionParams;
import io.trawl.integrations.action.InvalidActionException;
import io.trawl.integrations.action.RejectedActionException;
import io.trawl.integrations.action.RetryableActionException;
import io.trawl.integrations.action.SnapshotFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One file a {@code slackBot} message carries, read before anything is posted: {@code {name, content}} is that
 * text (UTF-8); {@code {name, snapshot}} is a stored PCAP snapshot, read through {@link SnapshotFiles}. A
 * snapshot not stored yet (or a service without a snapshot store) is retried: the snapshot the same script
 * requested a moment earlier may still be being written.
 */
record SlackFile(String name, byte[] bytes) {

    static SlackFile read(ActionParams file, Optional<SnapshotFiles> snapshots, long maxBytes)
            throws InvalidActionException, RejectedActionException, RetryableActionException {
        String name = file.string("name");
        String content = file.optionalString("content", null);
        String snapshot = file.optionalString("snapshot", null);
        if ((content == null) == (snapshot == null)) {
            throw file.invalid("content", "or snapshot: exactly one of the two is needed");
        }
        if (content != null) {
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            withinLimit(name, bytes.length, maxBytes);
            return new SlackFile(name, bytes);
        }
        if (snapshots.isEmpty()) {
            throw new RetryableActionException("slackBot: file " + name + " is snapshot " + snapshot
                    + ", and this service has no snapshot store", null);
        }
        try {
            Optional<SnapshotFiles.SnapshotFile> stored = snapshots.get().find(snapshot);
            if (stored.isEmpty()) {
                throw new RetryableActionException("slackBot: snapshot " + snapshot + " is not stored yet", null);
            }
            withinLimit(name, stored.get().size(), maxBytes);
            try (InputStream in = stored.get().open()) {
                // One byte more than allowed: a file that grew since its size was read is refused, not cut.
                byte[] bytes = in.readNBytes((int) maxBytes + 1);
                withinLimit(name, bytes.length, maxBytes);
                return new SlackFile(name, bytes);
            }
        } catch (IOException e) {
            throw new RetryableActionException("slackBot: cannot read snapshot " + snapshot + ": " + e, e);
        }
    }

    private static void withinLimit(String name, long size, long maxBytes) throws RejectedActionException {
        if (size > maxBytes) {
            throw new RejectedActionException("slackBot: file " + name + " has " + size + " bytes, more than "
                    + "trawl.integrations.slack.max-file-bytes (" + maxBytes + ")");
        }
    }
}
