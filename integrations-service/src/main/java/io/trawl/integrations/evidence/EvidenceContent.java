package io.trawl.integrations.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bytes to store as evidence, from memory or a file, with their SHA-256 worked out once: stores record it beside
 * the object and S3 checks it on arrival.
 */
public final class EvidenceContent {

    private final byte[] bytes;
    private final Path file;
    private final long size;
    private final byte[] sha256;

    private EvidenceContent(byte[] bytes, Path file, long size, byte[] sha256) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
        this.sha256 = sha256;
    }

    public static EvidenceContent of(byte[] bytes) {
        return new EvidenceContent(bytes, null, bytes.length, sha256().digest(bytes));
    }

    /** A file whose digest was taken while it was written; the file must not change afterwards. */
    public static EvidenceContent ofFile(Path file, byte[] sha256) throws IOException {
        return new EvidenceContent(null, file, Files.size(file), sha256.clone());
    }

    /** A new SHA-256 digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The SHA-256 of everything {@code in} holds, in hex; closes it. */
    public static String sha256Hex(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /** The content in memory, or null when it lies in a file. */
    public byte[] bytes() {
        return bytes;
    }

    /** The file holding the content, or null when it is in memory. */
    public Path file() {
        return file;
    }

    public long size() {
        return size;
    }

    /** Lowercase hex, as in the {@code sha256} metadata and the manifest. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** Base64, as S3's {@code x-amz-checksum-sha256} wants it. */
    public String sha256Base64() {
        return Base64.getEncoder().encodeToString(sha256);
    }
}
