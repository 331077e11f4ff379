package io.trawl.integrations.s3;

import io.trawl.integrations.evidence.EvidenceContent;
import io.trawl.integrations.evidence.EvidenceExistsException;
import io.trawl.integrations.evidence.EvidenceStoreException;
import io.trawl.integrations.evidence.StoredEvidence;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Puts objects that nobody can alter: every put asks for Object Lock retention in COMPLIANCE mode until now plus
 * the configured period, carries the content's SHA-256 as metadata ({@code x-amz-meta-sha256}, hex) and as the S3
 * checksum (S3 refuses the object if the bytes that arrive differ), and never replaces an object: a HEAD first
 * gives a clear error, and the conditional {@code If-None-Match: *} closes the race with a concurrent writer.
 *
 * <p>The bucket must have Object Lock enabled, or S3 refuses the put. S3-compatible servers may ignore the
 * retention and the condition; see docs/integrations.md.
 */
public final class S3ObjectWriter {

    /** The user metadata key of the content's SHA-256; S3 sends it as {@code x-amz-meta-sha256}. */
    public static final String SHA256_METADATA = "sha256";

    private final S3Client client;
    private final Duration retention;
    private final Clock clock;

    public S3ObjectWriter(S3Client client, Duration retention, Clock clock) {
        this.client = client;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Stores {@code content} as {@code key} in {@code bucket}.
     *
     * @throws EvidenceExistsException when the key is taken
     * @throws EvidenceStoreException  when S3 refused or could not be reached, saying whether to retry
     */
    public StoredEvidence putOnce(String bucket, String key, EvidenceContent content, String contentType)
            throws EvidenceExistsException, EvidenceStoreException {
        String location = location(bucket, key);
        if (head(bucket, key).isPresent()) {
            throw new EvidenceExistsException(location);
        }
        Instant now = clock.instant();
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(contentType)
                .contentLength(content.size())
                .metadata(Map.of(SHA256_METADATA, content.sha256Hex()))
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .checksumSHA256(content.sha256Base64())
                .objectLockMode(ObjectLockMode.COMPLIANCE)
                .objectLockRetainUntilDate(now.plus(retention))
                .ifNoneMatch("*")
                .build();
        RequestBody body = content.bytes() != null
                ? RequestBody.fromBytes(content.bytes())
                : RequestBody.fromFile(content.file());
        try {
            client.putObject(request, body);
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw new EvidenceExistsException(location);
            }
            throw failure("put", location, e);
        } catch (SdkException e) {
            throw failure("put", location, e);
        }
        return new StoredEvidence(key, content.size(), content.sha256Hex(), now, location);
    }

    /** The object's metadata, or empty when there is no such key. */
    public Optional<HeadObjectResponse> head(String bucket, String key) throws EvidenceStoreException {
        try {
            return Optional.of(client.headObject(r -> r.bucket(bucket).key(key)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("check", location(bucket, key), e);
        } catch (SdkException e) {
            throw failure("check", location(bucket, key), e);
        }
    }

    public InputStream get(String bucket, String key) throws EvidenceStoreException {
        try {
            return client.getObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("read", location(bucket, key), e);
        }
    }

    public static String location(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }

    /** Timeouts, connection failures, 5xx, 429, 408 and 409 (a concurrent conditional write) may pass later. */
    static EvidenceStoreException failure(String action, String location, SdkException e) {
        boolean retryable = e instanceof SdkClientException
                || e instanceof S3Exception s3 && (s3.statusCode() >= 500 || s3.statusCode() == 429
                || s3.statusCode() == 408 || s3.statusCode() == 409);
        return new EvidenceStoreException("S3 could not " + action + " " + location + ": " + e.getMessage(),
                retryable, e);
    }
}
