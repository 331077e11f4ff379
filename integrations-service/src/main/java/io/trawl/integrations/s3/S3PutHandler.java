package io.trawl.integrations.s3;

import io.trawl.integrations.action.ActionHandler;
import io.trawl.integrations.action.ActionParams;
import io.trawl.integrations.action.RetryableActionException;
import io.trawl.integrations.evidence.EvidenceContent;
import io.trawl.integrations.evidence.EvidenceExistsException;
import io.trawl.integrations.evidence.EvidenceStoreException;
import io.trawl.model.action.ActionKind;
import io.trawl.model.action.ActionRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code vendor.s3.put(bucket, key, content, contentType)}: writes a script's text to S3 the way evidence is
 * written (Object Lock retention, SHA-256 metadata and checksum, never over an existing key). A redelivered
 * request whose object is already there with the same SHA-256 counts as done. Without S3 settings every request
 * fails at once, naming what to set.
 */
public final class S3PutHandler implements ActionHandler {

    private static final Logger log = LoggerFactory.getLogger(S3PutHandler.class);
    private static final int MAX_KEY_BYTES = 1024;

    private final S3ObjectWriter writer;
    private final S3Settings settings;

    /** @param writer null when S3 is not configured */
    public S3PutHandler(S3ObjectWriter writer, S3Settings settings) {
        this.writer = writer;
        this.settings = settings;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.S3_PUT;
    }

    @Override
    public void handle(ActionRequest action) throws Exception {
        if (writer == null) {
            throw new IllegalStateException("vendor.s3.put of script '" + action.script()
                    + "' cannot run: S3 is not configured: " + settings.missing());
        }
        ActionParams params = ActionParams.parse(kind().wireName(), action.params());
        String bucket = params.nonBlankString("bucket");
        String key = params.nonBlankString("key");
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw params.invalid("key", "is longer than S3's " + MAX_KEY_BYTES + " bytes");
        }
        String text = params.string("content");
        String contentType = params.optionalString("contentType", "text/plain; charset=utf-8");
        EvidenceContent content = EvidenceContent.of(text.getBytes(StandardCharsets.UTF_8));
        try {
            writer.putOnce(bucket, key, content, contentType);
            log.info("Script '{}' stored {} ({} bytes, sha256 {})", action.script(),
                    S3ObjectWriter.location(bucket, key), content.size(), content.sha256Hex());
        } catch (EvidenceExistsException e) {
            if (!sameContent(bucket, key, content)) {
                throw e;
            }
            log.info("{} was already stored with the same content: request {} is done", e.location(), action.id());
        } catch (EvidenceStoreException e) {
            if (e.retryable()) {
                throw new RetryableActionException(e.getMessage(), e);
            }
            throw e;
        }
    }

    private boolean sameContent(String bucket, String key, EvidenceContent content) throws EvidenceStoreException {
        Optional<HeadObjectResponse> head = writer.head(bucket, key);
        return head.isPresent()
                && content.sha256Hex().equals(head.get().metadata().get(S3ObjectWriter.SHA256_METADATA));
    }
}
