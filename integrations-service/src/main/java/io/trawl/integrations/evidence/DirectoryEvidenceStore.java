package io.trawl.integrations.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An append-only directory of evidence, for {@code ./trawl local}: each object is written to a hidden temporary
 * file in the same directory, forced to disk, then hard-linked under its name, which fails rather than replaces
 * when the name exists, and made read-only. Trawl never deletes or rewrites a stored file; only its own
 * temporary files are removed.
 *
 * <p>Limits: read-only permissions stop accidents, not an owner or root who wants to change a file; for
 * evidence that must hold against them, use the S3 store with Object Lock. On a file system without hard links
 * the file is moved into place instead, which cannot refuse a name created in the instant between the check
 * and the move.
 */
public final class DirectoryEvidenceStore implements EvidenceStore {

    private static final String TEMPORARY_PREFIX = ".";

    private final Path directory;

    public DirectoryEvidenceStore(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory).toAbsolutePath().normalize();
        if (!Files.isWritable(this.directory)) {
            throw new IOException("evidence directory " + this.directory + " is not writable");
        }
    }

    @Override
    public String kind() {
        return "directory";
    }

    @Override
    public String describe() {
        return directory.toString();
    }

    @Override
    public StoredEvidence put(String name, EvidenceContent content, String contentType)
            throws EvidenceExistsException, IOException {
        Path target = directory.resolve(EvidenceStore.checkName(name));
        if (Files.exists(target)) {
            throw new EvidenceExistsException(target.toString());
        }
        Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX + name + ".", ".partial");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel);
                 InputStream in = content.open()) {
                in.transferTo(out);
                channel.force(true);
            }
            makeReadOnly(temporary);
            link(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
        forceDirectory();
        return describe(target, Files.readAttributes(target, BasicFileAttributes.class));
    }

    /** Owner may read, nobody may write: packets are sensitive, and evidence does not change. */
    private static void makeReadOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        } catch (UnsupportedOperationException e) {
            if (!file.toFile().setReadOnly()) {
                throw new IOException("cannot make " + file + " read-only");
            }
        }
    }

    private static void link(Path temporary, Path target) throws EvidenceExistsException, IOException {
        try {
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException e) {
            throw new EvidenceExistsException(target.toString());
        } catch (UnsupportedOperationException e) {
            try {
                Files.move(temporary, target);
            } catch (FileAlreadyExistsException exists) {
                throw new EvidenceExistsException(target.toString());
            }
        }
    }

    /** Makes the new directory entry itself durable, not only the file's bytes. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory for syncing; the file's own bytes were forced already.
        }
    }

    @Override
    public Optional<StoredEvidence> find(String name) throws IOException {
        Path file = directory.resolve(EvidenceStore.checkName(name));
        try {
            return Optional.of(describe(file, Files.readAttributes(file, BasicFileAttributes.class)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String name) throws IOException {
        return Files.newInputStream(directory.resolve(EvidenceStore.checkName(name)));
    }

    @Override
    public List<StoredEvidence> list(String suffix) throws IOException {
        List<StoredEvidence> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, f -> {
            String name = f.getFileName().toString();
            return name.endsWith(suffix) && !name.startsWith(TEMPORARY_PREFIX);
        })) {
            for (Path file : files) {
                found.add(describe(file, Files.readAttributes(file, BasicFileAttributes.class)));
            }
        }
        return found;
    }

    private static StoredEvidence describe(Path file, BasicFileAttributes attributes) {
        return new StoredEvidence(file.getFileName().toString(), attributes.size(), null,
                attributes.lastModifiedTime().toInstant(), file.toString());
    }
}
