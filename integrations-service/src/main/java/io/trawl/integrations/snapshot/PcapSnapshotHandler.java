package io.trawl.integrations.snapshot;

import io.trawl.integrations.action.ActionHandler;
import io.trawl.integrations.action.RetryableActionException;
import io.trawl.integrations.evidence.EvidenceStoreException;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import org.apache.kafka.common.KafkaException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * {@code pcap.snapshot}: takes the snapshot an action asks for. Before its window has passed (plus the grace for
 * late packets) it asks to be retried once it has; Kafka and store failures that may pass are retried; bad
 * params, a store that refuses (access denied, no Object Lock) and a conflicting earlier capture file are not.
 */
public final class PcapSnapshotHandler implements ActionHandler {

    private final SnapshotTaker taker;
    private final Duration maxWindow;

    public PcapSnapshotHandler(SnapshotTaker taker, Duration maxWindow) {
        this.taker = taker;
        this.maxWindow = maxWindow;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.PCAP_SNAPSHOT;
    }

    @Override
    public void handle(ActionRequest action) throws Exception {
        SnapshotRequest request = SnapshotRequest.of(action, maxWindow);
        try {
            taker.take(request);
        } catch (WindowOpenException e) {
            throw new RetryableActionException(e.getMessage(), e.remaining(), e);
        } catch (EvidenceStoreException e) {
            if (e.retryable()) {
                throw new RetryableActionException("snapshot " + request.id() + ": " + e.getMessage(), e);
            }
            throw e;
        } catch (TimeoutException | KafkaException | IOException e) {
            throw new RetryableActionException("snapshot " + request.id() + ": " + e.getMessage(), e);
        }
    }
}
