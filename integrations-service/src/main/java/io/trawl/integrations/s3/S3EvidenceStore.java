package io.trawl.integrations.s3;

import io.trawl.integrations.evidence.EvidenceContent;
import io.trawl.integrations.evidence.EvidenceExistsException;
import io.trawl.integrations.evidence.EvidenceStore;
import io.trawl.integrations.evidence.EvidenceStoreException;
import io.trawl.integrations.evidence.StoredEvidence;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Evidence in an S3 bucket with Object Lock, under a key prefix; see {@link S3ObjectWriter} for each put. */
public final class S3EvidenceStore implements EvidenceStore {

    private final S3Client client;
    private final S3ObjectWriter writer;
    private final String bucket;
    private final String prefix;

    public S3EvidenceStore(S3Client client, S3ObjectWriter writer, String bucket, String prefix) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("trawl.integrations.evidence.store is s3 but "
                    + "trawl.integrations.s3.bucket is not set: name a bucket with Object Lock enabled");
        }
        this.client = client;
        this.writer = writer;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public String describe() {
        return S3ObjectWriter.location(bucket, prefix);
    }

    @Override
    public StoredEvidence put(String name, EvidenceContent content, String contentType)
            throws EvidenceExistsException, IOException {
        StoredEvidence stored = writer.putOnce(bucket, key(name), content, contentType);
        return new StoredEvidence(name, stored.size(), stored.sha256(), stored.written(), stored.location());
    }

    @Override
    public Optional<StoredEvidence> find(String name) throws IOException {
        String key = key(name);
        Optional<HeadObjectResponse> head = writer.head(bucket, key);
        return head.map(h -> new StoredEvidence(name, h.contentLength(),
                h.metadata().get(S3ObjectWriter.SHA256_METADATA), h.lastModified(),
                S3ObjectWriter.location(bucket, key)));
    }

    @Override
    public InputStream open(String name) throws IOException {
        return writer.get(bucket, key(name));
    }

    @Override
    public List<StoredEvidence> list(String suffix) throws IOException {
        List<StoredEvidence> found = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                String name = object.key().substring(prefix.length());
                if (name.endsWith(suffix) && EvidenceStore.NAME.matcher(name).matches()) {
                    found.add(new StoredEvidence(name, object.size(), null, object.lastModified(),
                            S3ObjectWriter.location(bucket, object.key())));
                }
            }
        } catch (SdkException e) {
            throw S3ObjectWriter.failure("list", describe(), e);
        }
        return found;
    }

    private String key(String name) {
        return prefix + EvidenceStore.checkName(name);
    }
}
