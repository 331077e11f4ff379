package io.trawl.integrations.s3;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * How integrations-service reaches S3 ({@code trawl.integrations.s3.*}), for {@code vendor.s3.put} and for the
 * S3 evidence store. S3 is configured once {@code region} is set.
 *
 * @param region          the bucket's region, such as {@code eu-west-1}; S3-compatible stores accept any
 * @param endpoint        an S3-compatible store's address, such as {@code http://minio:9000}; empty for AWS
 * @param pathStyle       {@code http://host/bucket/key} addressing, which most S3-compatible stores need
 * @param accessKeyId     static credentials; when empty, the AWS default chain (environment, profile, web
 *                        identity, instance role) supplies them
 * @param secretAccessKey the secret of {@code accessKeyId}; never logged
 * @param retention       Object Lock retention requested for every object: COMPLIANCE mode until now + this
 * @param bucket          the evidence store's bucket (with Object Lock enabled) when
 *                        {@code trawl.integrations.evidence.store=s3}
 * @param prefix          key prefix of evidence objects in {@code bucket}
 */
@ConfigurationProperties("trawl.integrations.s3")
public record S3Settings(
        String region,
        URI endpoint,
        @DefaultValue("false") boolean pathStyle,
        String accessKeyId,
        String secretAccessKey,
        @DefaultValue("30d") Duration retention,
        String bucket,
        @DefaultValue("snapshots/") String prefix) {

    public S3Settings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("trawl.integrations.s3.retention is " + retention
                    + "; Object Lock needs a retention period of at least a second");
        }
        boolean hasKey = accessKeyId != null && !accessKeyId.isBlank();
        boolean hasSecret = secretAccessKey != null && !secretAccessKey.isBlank();
        if (hasKey != hasSecret) {
            throw new IllegalArgumentException("set both trawl.integrations.s3.access-key-id and "
                    + "trawl.integrations.s3.secret-access-key, or neither (to use the AWS default credentials)");
        }
        if (prefix == null) {
            prefix = "";
        }
    }

    public boolean configured() {
        return region != null && !region.isBlank();
    }

    public boolean staticCredentials() {
        return accessKeyId != null && !accessKeyId.isBlank();
    }

    /** What is missing for S3 to work, for error messages. */
    public String missing() {
        return "trawl.integrations.s3.region is not set (also set trawl.integrations.s3.endpoint and "
                + "trawl.integrations.s3.path-style=true for an S3-compatible store, and credentials through "
                + "trawl.integrations.s3.access-key-id and secret-access-key or the AWS default chain)";
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
        return "S3Settings[region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
                + ", credentials=" + (staticCredentials() ? "static key " + accessKeyId : "default chain")
                + ", retention=" + retention + ", bucket=" + bucket + ", prefix=" + prefix + "]";
    }
}
