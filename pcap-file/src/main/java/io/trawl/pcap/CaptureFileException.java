package io.trawl.pcap;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A capture file that cannot be read further. The message names the file and, where the damage is inside
 * the file, the byte offset at which reading stopped; packets before that offset were delivered.
 */
public class CaptureFileException extends IOException {

    private final Path file;
    private final long offset;

    public CaptureFileException(Path file, long offset, String problem) {
        super(file + (offset >= 0 ? " at byte offset " + offset : "") + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    public CaptureFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.offset = -1;
    }

    public Path file() {
        return file;
    }

    /** The byte offset where reading stopped, or -1 when the problem is not at a place in the file. */
    public long offset() {
        return offset;
    }
}
