package io.trawl.integrations.evidence;

import java.io.IOException;

/**
 * A store that answered with a failure, saying whether a later attempt may succeed (a timeout, a 5xx, a 429) or
 * not (access denied, no such bucket, a bucket without Object Lock).
 */
public class EvidenceStoreException extends IOException {

    private final boolean retryable;

    public EvidenceStoreException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
