package io.trawl.integrations.evidence;

import java.time.Instant;

/**
 * An object in an {@link EvidenceStore}.
 *
 * @param name     its name in the store, such as {@code <snapshot id>.pcap}
 * @param size     bytes
 * @param sha256   lowercase hex SHA-256 where the store keeps it beside the object (S3 metadata), else null
 * @param written  when it was stored
 * @param location where it lies, for people: {@code s3://bucket/key} or a file path
 */
public record StoredEvidence(String name, long size, String sha256, Instant written, String location) {
}
